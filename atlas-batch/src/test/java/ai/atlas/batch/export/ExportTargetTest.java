package ai.atlas.batch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.common.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTargetTest {

  @TempDir Path exports;

  @Test
  void resolvesNamesInsideTheExportFolder() {
    assertThat(ExportTarget.resolve(exports, "a.jsonl")).isEqualTo(exports.resolve("a.jsonl"));
    assertThat(ExportTarget.resolve(exports, "team/b.jsonl")).isEqualTo(exports.resolve("team/b.jsonl"));
    assertThat(ExportTarget.resolve(exports, exports.resolve("c.jsonl").toString())).isEqualTo(exports.resolve("c.jsonl"));
  }

  @Test
  void refusesPathsThatLeaveTheFolder() {
    for (String escape : new String[] {"../x.jsonl", "a/../../x.jsonl", "/etc/passwd", ".", ""}) {
      assertThatThrownBy(() -> ExportTarget.resolve(exports, escape))
          .as(escape)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("'output'");
    }
  }
}
