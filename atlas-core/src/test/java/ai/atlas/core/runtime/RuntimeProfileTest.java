package ai.atlas.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.profile.Lane;
import ai.atlas.core.profile.OrchestrationSettings;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class RuntimeProfileTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return (Map<String, Object>) new Yaml().load(text);
  }

  @Test
  void anAtlasSdkLlmBlockBecomesTheChatModelPluginsSettings() {
    RuntimeProfile profile = RuntimeProfile.from("p", yaml("""
        agent: {type: http, settings: {url: "http://a", max-retries: 2}}
        student:
          prompts: {planner: "Plan {{task}}"}
        teacher:
          llm: {provider: openai, model: gpt-4o, api_base: "http://t/v1", api_key_env: TEACHER_KEY, max_output_tokens: 512,
                temperature: 0.1, settings: {seed: 7}}
          prompts: {validation: "Check {{answer}}"}
        orchestration:
          max_retries: 3
          forced_mode: coach
          thresholds: {auto: 0.9, paired: 0.7, coach: 0.4}
          probe:
            llm: {provider: openai, model: small}
        rim:
          judges:
            - {type: exact, weight: 0.25}
            - {type: regex, name: has-number, settings: {pattern: "[0-9]+"}}
        """));

    assertThat(profile.agent()).isEqualTo(new RuntimeProfile.Component("http", Map.of("url", "http://a", "max-retries", "2")));
    assertThat(profile.teacher().type()).isEqualTo("openai");
    assertThat(profile.teacher().settings()).containsEntry("model", "gpt-4o").containsEntry("base-url", "http://t/v1")
        .containsEntry("api-key-env", "TEACHER_KEY").containsEntry("max-tokens", "512").containsEntry("temperature", "0.1")
        .containsEntry("seed", "7");
    assertThat(profile.probe()).get().extracting(RuntimeProfile.Component::settings).isEqualTo(Map.of("model", "small"));
    assertThat(profile.orchestration()).isEqualTo(new OrchestrationSettings(3, 0.9, 0.7, 0.4, Lane.COACH, Lane.PAIRED));
    assertThat(profile.judges()).extracting(RuntimeProfile.WeightedJudge::name, RuntimeProfile.WeightedJudge::weight)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("exact", 0.25), org.assertj.core.groups.Tuple.tuple("has-number", 1.0));
    assertThat(profile.prompts()).isEqualTo(Map.of("student.planner", "Plan {{task}}", "teacher.validation", "Check {{answer}}"));
    assertThat(PromptTemplates.withOverrides(profile.prompts()).get("teacher.validation").version()).isEqualTo("profile");
  }

  @Test
  void atlasSdkReplyCapsSystemPromptAndHistoryLimitTakeEffect() {
    RuntimeProfile profile = RuntimeProfile.from("p", yaml("""
        agent: {type: openai, system_prompt: "You are terse."}
        teacher:
          llm: {provider: openai, model: gpt-4o}
          max_review_tokens: 300
          validation_max_tokens: 40
          guidance_max_tokens: 120
        learning: {history_limit: 7}
        """));
    assertThat(profile.orchestration().teacherLimits()).isEqualTo(new OrchestrationSettings.TeacherLimits(300, 40, 120));
    assertThat(profile.agent().settings()).containsEntry("system-prompt", "You are terse.");
    assertThat(profile.learning().historyLimit()).isEqualTo(7);

    RuntimeProfile plain = RuntimeProfile.from("p", yaml("""
        agent: {type: openai, system_prompt: "You are terse.", settings: {system-prompt: "Plugin setting wins."}}
        teacher: {llm: {provider: openai, model: gpt-4o}}
        """));
    assertThat(plain.orchestration().teacherLimits()).isEqualTo(OrchestrationSettings.TeacherLimits.NONE);
    assertThat(plain.agent().settings()).containsEntry("system-prompt", "Plugin setting wins.");
    assertThat(plain.learning().historyLimit()).isEqualTo(RuntimeProfile.Learning.DEFAULT_HISTORY);
  }

  @Test
  void atlasSdkStudentCapsStepTimeoutIntermediateStepsAndRetryThresholdTakeEffect() {
    RuntimeProfile profile = RuntimeProfile.from("p", yaml("""
        agent: {type: openai}
        student: {max_plan_tokens: 200, max_step_tokens: 80, max_synthesis_tokens: 50}
        teacher: {llm: {provider: openai, model: gpt-4o}}
        orchestration: {step_timeout_seconds: 45, emit_intermediate_steps: false}
        rim: {retry_threshold: 0.6}
        """));
    assertThat(profile.rim().retryThreshold()).isEqualTo(0.6);
    assertThat(profile.rim().retries(0.59)).isTrue();
    assertThat(profile.rim().retries(0.6)).isFalse();
    assertThat(profile.rim().retries(null)).as("unscored").isFalse();
    OrchestrationSettings.StudentLimits limits = profile.orchestration().studentLimits();
    assertThat(limits).isEqualTo(new OrchestrationSettings.StudentLimits(200, 80, 50, java.time.Duration.ofSeconds(45)));
    assertThat(List.of("plan", "step", "answer", "synthesis").stream().map(limits::forPurpose)).containsExactly(200, 80, 80, 50);
    assertThat(profile.orchestration().emitIntermediateSteps()).isFalse();
    // withForced keeps them
    assertThat(profile.orchestration().withForced(Lane.AUTO).studentLimits()).isEqualTo(limits);

    RuntimeProfile plain = RuntimeProfile.from("p", yaml("""
        agent: {type: openai}
        teacher: {llm: {provider: openai, model: gpt-4o}}
        """));
    assertThat(plain.orchestration().studentLimits()).isEqualTo(OrchestrationSettings.StudentLimits.NONE);
    assertThat(plain.rim().retries(0.0)).as("no retry_threshold: never").isFalse();
    assertThat(plain.orchestration().emitIntermediateSteps()).isTrue();
  }

  @Test
  void atlasSdkHttpApiPythonAndOpenAiAgentsBecomeTheMatchingPlugins() {
    RuntimeProfile http = RuntimeProfile.from("p", yaml("""
        agent:
          type: http_api
          name: support
          system_prompt: "You answer tickets."
          tools:
            - name: lookup_order
              description: Find an order.
              parameters: {type: object, properties: {id: {type: string}}, required: [id]}
          transport:
            base_url: http://localhost:8080/agent
            headers: {X-Team: support}
            timeout_seconds: 12.5
            retry: {attempts: 3, backoff_seconds: 1.0}
          payload_template: {mode: inference, options: {depth: 2}}
          result_path: [data, output]
        student: {tool_choice: required}
        teacher: {llm: {provider: openai, model: gpt-4o}}
        """));
    assertThat(http.agent().type()).isEqualTo("http");
    assertThat(http.agent().settings()).containsEntry("url", "http://localhost:8080/agent").containsEntry("headers", "X-Team: support")
        .containsEntry("timeout-seconds", "13").containsEntry("max-retries", "2").containsEntry("answer-pointer", "/data/output")
        .containsEntry("template", "{\"mode\":\"inference\",\"options\":{\"depth\":2}, \"prompt\": {{prompt}}, \"metadata\": {{metadata}}}")
        .containsEntry("system-prompt", "You answer tickets.");
    assertThat(http.tools().tools()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("lookup_order");
      assertThat(t.parametersSchema()).contains("\"required\":[\"id\"]");
    });
    assertThat(http.tools().toolChoice()).isEqualTo("required");

    RuntimeProfile python = RuntimeProfile.from("p", yaml("""
        agent: {type: python, name: local, system_prompt: "Be brief.", import_path: agents.support, attribute: run_agent,
                working_directory: /srv/agents, allow_generator: true, llm: {provider: openai, model: gpt-4o-mini}}
        teacher: {llm: {provider: openai, model: gpt-4o}}
        """));
    assertThat(python.agent().type()).isEqualTo("python");
    assertThat(python.agent().settings()).containsEntry("import-path", "agents.support").containsEntry("attribute", "run_agent")
        .containsEntry("working-dir", "/srv/agents").containsEntry("allow-generator", "true")
        .containsEntry("llm-config", "{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"}");
    assertThat(python.tools()).isEqualTo(RuntimeProfile.AgentTools.NONE);

    RuntimeProfile openai = RuntimeProfile.from("p", yaml("""
        agent:
          type: litellm
          system_prompt: "Answer in JSON."
          llm: {provider: gemini, model: gemini/gemini-2.5-flash, temperature: 0.1, retry: {attempts: 2, backoff_seconds: 0.5}}
          response_format: {type: json_object}
        teacher:
          llm: {provider: azure-openai, model: azure/gpt-4o, api_base: "https://acme.openai.azure.com/openai/v1", organization: org-1,
                additional_headers: {X-Trace: "on"}, reasoning_effort: high}
        """));
    assertThat(openai.agent().type()).isEqualTo("openai");
    assertThat(openai.agent().settings()).containsEntry("model", "gemini-2.5-flash")
        .containsEntry("base-url", "https://generativelanguage.googleapis.com/v1beta/openai").containsEntry("api-key-env", "GEMINI_API_KEY")
        .containsEntry("max-retries", "1").containsEntry("first-backoff-ms", "500").containsEntry("json-response", "true")
        .containsEntry("system-prompt", "Answer in JSON.");
    assertThat(openai.teacher().type()).isEqualTo("openai");
    assertThat(openai.teacher().settings()).containsEntry("model", "gpt-4o").containsEntry("base-url", "https://acme.openai.azure.com/openai/v1")
        .containsEntry("api-key-header", "api-key").containsEntry("api-key-env", "AZURE_OPENAI_API_KEY")
        .containsEntry("headers", "OpenAI-Organization: org-1 | X-Trace: on").containsEntry("reasoning-effort", "high");
  }

  @Test
  void aCandidatesPromptsOverrideTheProfilesAndItsRunsNeitherLearnNorApproveThemselves() {
    RuntimeProfile profile = RuntimeProfile.from("p", yaml("""
        agent: {type: http, settings: {url: "http://a"}}
        teacher:
          llm: {provider: openai, model: gpt-4o}
          prompts: {validation: "Check {{answer}}", guidance: "Guide"}
        learning: {enabled: true}
        review: {auto_approve: true, min_reward: 0.8}
        """));

    RuntimeProfile candidate = profile.forEvaluation(Map.of("teacher.guidance", "Guide step by step"));

    assertThat(candidate.prompts()).isEqualTo(Map.of("teacher.validation", "Check {{answer}}", "teacher.guidance", "Guide step by step"));
    assertThat(profile.learning().enabled()).isTrue();
    assertThat(candidate.learning().enabled()).isFalse();
    assertThat(profile.review().autoApproveAt()).isEqualTo(0.8);
    assertThat(candidate.review().autoApproveAt()).isNull();
    assertThat(candidate.teacher()).isEqualTo(profile.teacher());
  }

  @Test
  void learningKeysDependOnTheProfileAndTheKindOfTaskOnly() {
    String a = LearningKeys.of("p", "What is  6*7?");
    assertThat(a).hasSize(32).isEqualTo(LearningKeys.of("p", "what is 6*7?"));
    assertThat(a).isNotEqualTo(LearningKeys.of("q", "What is 6*7?"));
    // one template, other values: one key
    assertThat(a).isEqualTo(LearningKeys.of("p", "What is 12*30?"));
    assertThat(LearningKeys.of("p", "What is letter 7 of k, q, m, t, z, b, c, w?"))
        .isEqualTo(LearningKeys.of("p", "What is letter 3 of p, g, l, y, e, s, f, m?"));
    assertThat(LearningKeys.of("p", "Refund order 1234 for bob@example.com, reason \"damaged\""))
        .isEqualTo(LearningKeys.of("p", "Refund order 98-77 for ann.lee@example.org, reason \"late\""));
    // different words: different kinds
    assertThat(LearningKeys.of("p", "Refund order 1234")).isNotEqualTo(LearningKeys.of("p", "Cancel order 1234"));
    String longTask = "word ".repeat(TaskKind.WORDS);
    assertThat(LearningKeys.of("p", longTask)).isEqualTo(LearningKeys.of("p", longTask + " and more"));
  }

  @Test
  void aTasksKindKeepsItsWordsAndTakesOutItsValues() {
    assertThat(TaskKind.of("What is letter 7 of k, q, m?")).isEqualTo("what is letter # of ? ? ?");
    assertThat(TaskKind.of("See https://example.com/a?b=1 and mail x@y.io about \"this\" by 2026-12-04"))
        .isEqualTo("see <url> and mail <email> about <quoted> by #");
    assertThat(TaskKind.of("  ")).isEmpty();
  }

  @Test
  void aCallerNamesTheLearningKeyInMetadataAndABadOneIsRefused() {
    assertThat(LearningKeys.of("p", "What is 6*7?", Map.of("learning_key", "support/refunds")))
        .isEqualTo(LearningKeys.of("q", "Refund order 77", Map.of("learning_key", "support/refunds")))
        .isEqualTo("support/refunds");
    assertThat(LearningKeys.of("p", "What is 6*7?", Map.of("reference", "42")))
        .isEqualTo(LearningKeys.of("p", "What is 6*7?"));
    assertThat(LearningKeys.of("p", "What is 6*7?", null)).isEqualTo(LearningKeys.of("p", "What is 6*7?"));
    for (String bad : List.of("", "two words", "x".repeat(129), "nul\u0000")) {
      assertThatThrownBy(() -> LearningKeys.of("p", "t", Map.of("learning_key", bad)))
          .isInstanceOf(ai.atlas.core.common.InvalidInputException.class).hasMessageContaining("'learning_key'");
    }
  }

  @Test
  void theStudentsLlmBlockConfiguresAnAgentOfItsProviderAndOtherwiseOnlyNamesTheModel() {
    RuntimeProfile sameProvider = RuntimeProfile.from("p", yaml("""
        agent: {type: openai, settings: {system-prompt: "Be brief", temperature: 0.9}}
        student:
          llm: {provider: openai, model: gpt-4o-mini, api_key_env: STUDENT_KEY, temperature: 0.2}
        teacher:
          llm: {provider: openai, model: gpt-4o}
        review: {auto_approve: true, min_reward: 0.8}
        """));
    RuntimeProfile otherAgent = RuntimeProfile.from("p", yaml("""
        agent: {type: http, settings: {url: "http://a"}}
        student:
          llm: {provider: openai, model: gpt-4o-mini, api_key_env: STUDENT_KEY}
        teacher:
          llm: {provider: openai, model: gpt-4o}
        """));

    assertThat(sameProvider.agent().settings()).isEqualTo(Map.of("model", "gpt-4o-mini", "api-key-env", "STUDENT_KEY",
        "temperature", "0.9", "system-prompt", "Be brief"));
    assertThat(otherAgent.agent().settings()).isEqualTo(Map.of("url", "http://a", "model", "gpt-4o-mini"));
    assertThat(sameProvider.review().autoApproveAt()).isEqualTo(0.8);
    assertThat(otherAgent.review().autoApproveAt()).isNull();
  }
}
