package ai.atlas.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * atlas-sdk configuration files, written from its v0.1.15 schema (test resources atlas-sdk/),
 * load unchanged and every key they set takes effect in the runtime profile.
 */
class AtlasSdkExamplesTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> example(String name) throws IOException {
    try (InputStream in = AtlasSdkExamplesTest.class.getResourceAsStream("/atlas-sdk/" + name)) {
      return (Map<String, Object>) new Yaml().load(in);
    }
  }

  @Test
  void theOpenAiAgentsConfigLoadsAndEachBlockTakesEffect() throws IOException {
    Map<String, Object> document = example("openai_agent.yaml");
    assertThat(ProfileSchema.validate(document)).isEmpty();

    RuntimeProfile profile = RuntimeProfile.from("billing", document);

    assertThat(profile.agent().type()).isEqualTo("openai");
    assertThat(profile.agent().settings()).containsEntry("model", "gpt-4o-mini").containsEntry("json-response", "true")
        .containsEntry("max-retries", "1").containsEntry("system-prompt", "You answer billing questions for Acme customers. Reply in JSON when asked.\n");
    assertThat(profile.tools().tools()).extracting(t -> t.name()).containsExactly("lookup_invoice");
    assertThat(profile.tools().toolChoice()).isEqualTo("auto");
    assertThat(profile.teacher().type()).isEqualTo("openai");
    assertThat(profile.teacher().settings()).containsEntry("base-url", "https://api.anthropic.com/v1").containsEntry("model", "claude-sonnet-4-5");
    assertThat(profile.orchestration().studentLimits().forPurpose("plan")).isEqualTo(1024);
    assertThat(profile.orchestration().studentLimits().callTimeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(profile.orchestration().triage().planCache()).isEqualTo(Duration.ofSeconds(300));
    assertThat(profile.orchestration().triage().evidenceLimit()).isEqualTo(6);
    assertThat(profile.orchestration().triage().withDefaultTags(Map.of())).containsEntry("tags", "billing");
    assertThat(profile.probe()).get().satisfies(p -> assertThat(p.settings()).containsEntry("model", "grok-4-fast")
        .containsEntry("base-url", "https://api.x.ai/v1").containsEntry("timeout-seconds", "15"));
    assertThat(profile.judges()).extracting(RuntimeProfile.WeightedJudge::name).containsExactly("process", "helpfulness");
    assertThat(profile.prompts().get("rim.process")).endsWith("Billing answers must name the invoice they are about.\n"
        + "Prefer answers a customer can act on.");
    assertThat(profile.prompts().get("student.executor")).startsWith(PromptTemplates.defaults().get("student.executor").text())
        .endsWith("Quote invoice numbers exactly as the customer wrote them.");
    assertThat(profile.rim().settings().sampleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(profile.rim().settings().parallelWorkers()).isEqualTo(2);
    assertThat(profile.rim().smallModel()).get().satisfies(m -> assertThat(m.settings()).containsEntry("model", "gemini-2.5-flash"));
    assertThat(profile.learning().learns()).isTrue();
    assertThat(profile.learning().historyLimit()).as("learning.history_limit wins over adaptive_teaching's").isEqualTo(20);
    assertThat(profile.learning().llm()).get().satisfies(m -> assertThat(m.settings()).containsEntry("max-tokens", "4096"));
    assertThat(profile.learning().gates().allowedProperNouns()).contains("Acme");
    assertThat(profile.learning().rubric()).isNotNull();
    assertThat(profile.review().drift().window()).isEqualTo(50);
    assertThat(profile.review().autoApproveAt()).isNull();
    // it validates as a whole: the prompts it sets are templates the runtime knows
    PromptTemplates.withOverrides(profile.prompts());
    // storage: on a server whose database is the one it names, only the pool's keys get a notice
    assertThat(StorageBlock.of(document).notices(ServerDatabase.ofJdbcUrl("jdbc:postgresql://127.0.0.1:5432/atlas")))
        .extracting(n -> n.substring(0, n.indexOf(' ')))
        .containsExactly("storage.min_connections", "storage.max_connections", "storage.statement_timeout_seconds");
  }

  @Test
  void theHttpAgentsConfigLoadsAndEachBlockTakesEffect() throws IOException {
    Map<String, Object> document = example("http_agent.yaml");
    assertThat(ProfileSchema.validate(document)).isEmpty();

    RuntimeProfile profile = RuntimeProfile.from("research", document);

    assertThat(profile.agent().type()).isEqualTo("http");
    assertThat(profile.agent().settings()).containsEntry("url", "http://localhost:8080/agent").containsEntry("max-retries", "2")
        .containsEntry("timeout-seconds", "90").containsEntry("answer-pointer", "/data/output")
        .containsEntry("template", "{\"mode\":\"inference\", \"prompt\": {{prompt}}, \"metadata\": {{metadata}}}");
    assertThat(profile.teacher().settings()).containsEntry("api-key-header", "api-key").containsEntry("reasoning-effort", "medium")
        .containsEntry("headers", "OpenAI-Organization: org-research | X-Trace: on");
    assertThat(profile.orchestration().emitIntermediateSteps()).isFalse();
    assertThat(profile.orchestration().forced()).isEqualTo(Lane.COACH);
    assertThat(profile.orchestration().triage().certifyFirstRun()).isFalse();
    assertThat(profile.judges()).extracting(RuntimeProfile.WeightedJudge::name).containsExactly("process");
    assertThat(profile.learning().enabled()).isFalse();
    assertThat(profile.review().drift().enabled()).isFalse();
    assertThat(profile.review().autoApproveAt()).as("require_approval: false").isEqualTo(0.0);
  }

  @Test
  void thePythonAgentsConfigLoadsAndEachBlockTakesEffect() throws IOException {
    Map<String, Object> document = example("python_agent.yaml");
    assertThat(ProfileSchema.validate(document)).isEmpty();

    RuntimeProfile profile = RuntimeProfile.from("local", document);

    assertThat(profile.agent().type()).isEqualTo("python");
    assertThat(profile.agent().settings()).containsEntry("import-path", "agents.support").containsEntry("attribute", "run_agent")
        .containsEntry("allow-generator", "false").containsKey("llm-config");
    assertThat(profile.orchestration().forced()).as("adaptive_teaching.mode_override").isEqualTo(Lane.PAIRED);
    assertThat(profile.prompts()).containsKey(PromptTemplates.LEARNING_SYNTHESIS);
    assertThat(profile.prompts().get("teacher.validation")).endsWith("Reject answers that promise refunds.");
    assertThat(profile.learning().learns()).as("update_enabled: false").isFalse();
    assertThat(profile.learning().injects()).isTrue();
    PromptTemplates.withOverrides(profile.prompts());
  }

  @Test
  void whatAtlasCannotDoIsRefusedByName() {
    assertThat(ProfileSchema.validate(Map.of(
        "agent", Map.of("type", "openai", "llm", Map.of("provider", "openai", "model", "m")),
        "teacher", Map.of("llm", Map.of("provider", "openai", "model", "m")),
        "prompt_rewrite", Map.of("max_tokens", 1024),
        "learning", Map.of("session_note_enabled", true, "schema", Map.of(), "usage_tracking", Map.of("capture_examples", true)),
        "adaptive_teaching", Map.of("triage_adapter", "mine", "reward", Map.of("type", "python")),
        "runtime_safety", Map.of("review", Map.of("default_export_statuses", java.util.List.of("pending"))))))
        .anySatisfy(e -> assertThat(e).startsWith("prompt_rewrite is not supported"))
        .anySatisfy(e -> assertThat(e).startsWith("learning.session_note_enabled must be false"))
        .anySatisfy(e -> assertThat(e).startsWith("learning.schema is not supported"))
        .anySatisfy(e -> assertThat(e).startsWith("learning.usage_tracking.capture_examples must be false"))
        .anySatisfy(e -> assertThat(e).startsWith("adaptive_teaching.triage_adapter is not supported"))
        .anySatisfy(e -> assertThat(e).startsWith("adaptive_teaching.reward.type must be rim"))
        .anySatisfy(e -> assertThat(e).startsWith("runtime_safety.review.default_export_statuses must be [approved]"))
        .hasSize(7);
  }
}
