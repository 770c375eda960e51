package ai.atlas.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PromptVersionsTest {

  static List<String> databases() {
    return TestDatabase.available();
  }

  private static final Actor ADMIN = new Actor("admin", "127.0.0.1");

  @ParameterizedTest
  @MethodSource("databases")
  void adoptedVersionsApplyOverTheProfileAndAnOlderOneOrNoneCanBeActivatedAgain(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      RuntimeProfile profile = RuntimeProfile.from("p", Map.of("agent", Map.of("type", "http"),
          "teacher", Map.of("llm", Map.of("provider", "openai", "model", "m"), "prompts", Map.of("guidance", "own guidance"))));
      db.runInTransaction(em -> {
        PromptVersions versions = new PromptVersions(em, new AuditLog(em, Clock.systemUTC()), Clock.systemUTC());
        assertThat(versions.apply(profile)).isSameAs(profile);
        assertThat(versions.adopt("p", Map.of("teacher.guidance", "v1 guidance"), "gepa job 4, candidate 2", 0.625, ADMIN).version())
            .isEqualTo(1);
        assertThat(versions.adopt("p", Map.of("teacher.guidance", "v2 guidance", "teacher.validation", "v2 check"), "api", ADMIN)
            .version()).isEqualTo(2);
      });
      db.runInTransaction(em -> {
        PromptVersions versions = new PromptVersions(em, new AuditLog(em, Clock.systemUTC()), Clock.systemUTC());
        assertThat(versions.list("p")).extracting(PromptVersions.Version::version, PromptVersions.Version::active)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(versions.apply(profile).prompts()).containsEntry("teacher.guidance", "v2 guidance")
            .containsEntry("teacher.validation", "v2 check");
        versions.activate("p", 1, ADMIN); // roll back
        assertThat(versions.apply(profile).prompts()).containsEntry("teacher.guidance", "v1 guidance")
            .doesNotContainKey("teacher.validation");
        versions.activate("p", 0, ADMIN); // the profile's own
        assertThat(versions.apply(profile).prompts()).containsEntry("teacher.guidance", "own guidance");
        assertThat(versions.list("p").get(0).source()).isEqualTo("gepa job 4, candidate 2");
        assertThat(versions.list("p")).extracting(PromptVersions.Version::score).containsExactly(0.625, null);
        assertThat(versions.list("other")).isEmpty();
        assertThatThrownBy(() -> versions.activate("p", 9, ADMIN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> versions.adopt("p", Map.of("teacher.nonsense", "x"), "api", ADMIN))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("no prompt template named 'teacher.nonsense'");
      });
    }
  }
}
