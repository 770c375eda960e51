package ai.atlas.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.application.redaction.RedactionRules;
import ai.atlas.core.application.redaction.Redactor;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileServiceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-06T07:08:09Z"), ZoneOffset.UTC);
  private static final String LIVE_SECRET = "sk-live-profile-0123456789";
  private static final Actor ADMIN = new Actor("root", "10.0.0.9");

  static final String SUPPORT_BOT = """
      agent:
        type: http
        settings:
          url: https://agents.example.com/run
          headers: "Authorization: Bearer secret:AGENT_TOKEN"
      student:
        llm: {provider: openai, model: gpt-4o-mini, api_key_env: OPENAI_API_KEY, temperature: 0.2}
      teacher:
        llm: {provider: openai, model: gpt-4o, max_output_tokens: 2048}
        prompts:
          guidance: "Give one concrete hint."
      orchestration:
        max_retries: 2
        thresholds: {auto: 0.9, paired: 0.6, coach: 0.3}
      rim:
        judges:
          - {type: exact, weight: 1.0}
        temperatures: [0.2, 0.5, 0.8]
      learning:
        enabled: true
        playbook_max_chars: 2000
      storage:
        database_url: postgresql://ignored
      """;

  private static final ServerDatabase SERVER_DATABASE = ServerDatabase.ofJdbcUrl("jdbc:postgresql://db.internal:5432/atlas");

  @TempDir Path folder;

  static List<String> databases() {
    return TestDatabase.available();
  }

  private static <T> T profiles(TestDatabase db, Function<ProfileService, T> work) {
    ImportPolicy policy = new ImportPolicy(100_000, new Redactor(RedactionRules.literals("secret", List.of(LIVE_SECRET)), Duration.ofSeconds(1)));
    return db.inTransaction(em -> work.apply(new ProfileService(em, new AuditLog(em, CLOCK), policy, CLOCK, () -> SERVER_DATABASE)));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAtlasSdkStyleProfileIsStoredAndReadBack(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      profiles(db, p -> p.put("support-bot", SUPPORT_BOT, ADMIN));

      ProfileView view = profiles(db, p -> p.get("support-bot"));

      assertThat(view.name()).isEqualTo("support-bot");
      assertThat(view.source()).isEqualTo("api");
      assertThat(view.updatedBy()).isEqualTo("root");
      @SuppressWarnings("unchecked")
      Map<String, Object> teacher = (Map<String, Object>) view.document().get("teacher");
      assertThat(teacher).containsKey("llm");
      assertThat(view.document()).containsEntry("name", "support-bot");
      assertThat(view.notices()).as("its storage block names another database than the server's")
          .singleElement().asString().startsWith("storage.database_url (postgresql://ignored)")
          .contains("(postgresql at db.internal:5432/atlas)");
      assertThat(profiles(db, ProfileService::list)).extracting(ProfileView::name).containsExactly("support-bot");
      String audit = db.inTransaction(em -> (String) em.createNativeQuery("SELECT action || ' ' || target || ' ' || actor FROM audit_log").getSingleResult());
      assertThat(audit).isEqualTo("profile.change profile:support-bot root");
    }
  }

  @Test
  void everyUnknownKeyAndInvalidValueIsNamed() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      String bad = SUPPORT_BOT.replace("max_retries: 2", "max_retrys: 2")
          .replace("temperature: 0.2", "temperature: hot")
          .replace("paired: 0.6", "paired: 1.6");

      assertThatThrownBy(() -> profiles(db, p -> p.put("bad", bad, ADMIN)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("orchestration.max_retrys is not a known key; known here: max_retries,")
          .hasMessageContaining("student.llm.temperature must be a number from 0.0 to 2.0, not 'hot'")
          .hasMessageContaining("orchestration.thresholds.paired must be a number from 0.0 to 1.0, not '1.6'");
      assertThatThrownBy(() -> profiles(db, p -> p.put("bad", "agent: {type: http}", ADMIN)))
          .hasMessageContaining("teacher is required");
      assertThatThrownBy(() -> profiles(db, p -> p.put("bad", "agent: [unclosed", ADMIN)))
          .hasMessageContaining("the profile is not valid YAML");
      assertThatThrownBy(() -> profiles(db, p -> p.put("bad", SUPPORT_BOT + "orchestration:\n  max_retries: 1\n", ADMIN)))
          .hasMessageContaining("not valid YAML");
      assertThatThrownBy(() -> profiles(db, p -> p.put("../etc", SUPPORT_BOT, ADMIN))).hasMessageContaining("a profile's name");
      assertThatThrownBy(() -> profiles(db, p -> p.put("other", "name: someone-else\n" + SUPPORT_BOT, ADMIN)))
          .hasMessageContaining("name is 'someone-else' but the profile is stored as 'other'");
      assertThatThrownBy(() -> profiles(db, p -> p.get("missing"))).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void atlasSdkAgentTypesHaveTheirOwnKeysAndHostedProvidersTheirEndpoints() {
    assertThat(ProfileSchema.validate(yaml("""
        agent: {type: http_api, name: a, system_prompt: s, import_path: agents.x, metadata_digest: {enabled: true}}
        teacher: {llm: {provider: bedrock, model: bedrock/claude}}
        """))).containsExactlyInAnyOrder(
        "agent.metadata_digest is not supported: ATLAS does not put session metadata into the agent's prompts, so there is nothing "
            + "to digest; remove the block",
        "agent.import_path does not apply to an agent of type http_api; its keys: payload_template, result_path, transport",
        "agent.transport is required for an agent of type http_api",
        "teacher.llm.api_base is required for provider bedrock (its OpenAI-compatible endpoint, e.g. "
            + "https://NAME.openai.azure.com/openai/v1 or https://bedrock-runtime.REGION.amazonaws.com/openai/v1)");
    assertThat(ProfileSchema.validate(yaml("""
        agent: {type: python, name: a, system_prompt: s}
        teacher: {llm: {provider: xai, model: xai/grok-4-fast, retry: {attempts: 9}, reasoning_effort: max}}
        """))).containsExactlyInAnyOrder("agent.import_path is required for an agent of type python",
        "teacher.llm.retry.attempts must be a whole number from 1 to 5, not '9'",
        "teacher.llm.reasoning_effort must be one of [high, low, medium], not 'max'");
    assertThat(ProfileSchema.validate(yaml("""
        agent: {type: process, settings: {command: "python agent.py"}, transport: {base_url: "http://a"}}
        teacher: {llm: {provider: openai, model: gpt-4o}}
        """))).containsExactly("agent.transport does not apply to an agent of type process");
  }

  @Test
  void learningApplyToNamesTheAudiencesWhosePromptsTheEntriesJoin() {
    assertThat(ProfileSchema.validate(yaml("""
        agent: {type: local}
        teacher: {llm: {provider: local, model: t}}
        learning: {enabled: true, apply_to: [teacher]}
        """))).isEmpty();
    assertThat(ProfileSchema.validate(yaml("""
        agent: {type: local}
        teacher: {llm: {provider: local, model: t}}
        learning: {enabled: true, apply_to: [teacher, judge]}
        """))).containsExactly("learning.apply_to must list student, teacher or both, each once, not a list");
    assertThat(ProfileSchema.validate(yaml("""
        agent: {type: local}
        teacher: {llm: {provider: local, model: t}}
        learning: {apply_to: []}
        """))).hasSize(1);

    RuntimeProfile.Learning teacherOnly = RuntimeProfile.from("p", yaml("""
        agent: {type: local}
        teacher: {llm: {provider: local, model: t}}
        learning: {enabled: true, apply_to: [teacher]}
        """)).learning();
    RuntimeProfile.Learning both = RuntimeProfile.from("p", yaml("""
        agent: {type: local}
        teacher: {llm: {provider: local, model: t}}
        learning: {enabled: true}
        """)).learning();
    assertThat(teacherOnly.toStudent()).isFalse();
    assertThat(teacherOnly.toTeacher()).isTrue();
    assertThat(both.toStudent()).isTrue();
    assertThat(both.toTeacher()).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(text);
  }

  @Test
  void secretsAreOnlyEverReferencesAndLiveSecretsAreScrubbed() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      assertThatThrownBy(() -> profiles(db, p -> p.put("leaky", SUPPORT_BOT.replace("url: https://agents.example.com/run",
          "url: https://agents.example.com/run\n    api_key: abc123"), ADMIN)))
          .hasMessageContaining("agent.settings.api_key looks like a secret")
          .hasMessageNotContaining("abc123");
      assertThatThrownBy(() -> profiles(db, p -> p.put("leaky", SUPPORT_BOT.replace("Bearer secret:AGENT_TOKEN", "Bearer xyz789"), ADMIN)))
          .hasMessageContaining("agent.settings.headers looks like a secret");

      profiles(db, p -> p.put("planted", "description: \"the key is " + LIVE_SECRET + "\"\n" + SUPPORT_BOT, ADMIN));

      String stored = db.inTransaction(em -> (String) em.createNativeQuery("SELECT CAST(document AS VARCHAR(10000)) FROM profiles").getSingleResult());
      assertThat(stored).doesNotContain(LIVE_SECRET).contains("[REDACTED:secret]");
      assertThat(profiles(db, p -> p.get("planted")).document().get("description")).isEqualTo("the key is [REDACTED:secret]");
    }
  }

  @Test
  void theFolderIsImportedAndAnUnchangedFileNeverOverwritesAnApiChange() throws IOException {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      Files.writeString(folder.resolve("support-bot.yaml"), SUPPORT_BOT);
      Files.writeString(folder.resolve("broken.yml"), "agent: {}\n");
      Files.writeString(folder.resolve("notes.txt"), "not a profile");

      List<ProfileImport> first = profiles(db, p -> p.importFolder(folder));
      assertThat(first).extracting(ProfileImport::file, ProfileImport::outcome)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("broken.yml", "failed"), org.assertj.core.groups.Tuple.tuple("support-bot.yaml", "created"));
      assertThat(first.get(0).error()).contains("agent.type is required");

      profiles(db, p -> p.put("support-bot", SUPPORT_BOT.replace("max_retries: 2", "max_retries: 5"), ADMIN));
      assertThat(profiles(db, p -> p.importFolder(folder)).get(1).outcome()).isEqualTo("unchanged");
      assertThat(profiles(db, p -> p.get("support-bot")).source()).isEqualTo("api");

      Files.writeString(folder.resolve("support-bot.yaml"), SUPPORT_BOT.replace("max_retries: 2", "max_retries: 3"));
      assertThat(profiles(db, p -> p.importFolder(folder)).get(1).outcome()).isEqualTo("updated");
      @SuppressWarnings("unchecked")
      Map<String, Object> orchestration = (Map<String, Object>) profiles(db, p -> p.get("support-bot")).document().get("orchestration");
      assertThat(orchestration).containsEntry("max_retries", 3);
    }
  }

  @Test
  void profilesCanBeDeleted() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      profiles(db, p -> p.put("gone", SUPPORT_BOT, ADMIN));
      profiles(db, p -> {
        p.delete("gone", ADMIN);
        return null;
      });
      assertThat(profiles(db, ProfileService::list)).isEmpty();
    }
  }
}
