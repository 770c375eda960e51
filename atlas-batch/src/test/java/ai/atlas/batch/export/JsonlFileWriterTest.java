package ai.atlas.batch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFileWriterTest {

  @TempDir Path dir;

  @Test
  void writesOneLinePerItemAndCreatesFolders() throws Exception {
    Path file = dir.resolve("nested/out.jsonl");
    JsonlFileWriter writer = writer(file);
    writer.open(null);
    writer.writeItems(List.of("{\"a\":1}", "{\"b\":\"é\"}"));
    writer.writeItems(List.of("{\"c\":3}"));
    writer.close();

    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":1}", "{\"b\":\"é\"}", "{\"c\":3}");
  }

  @Test
  void aRestartDropsTheLinesOfTheChunkThatDidNotCommit() throws Exception {
    Path file = dir.resolve("out.jsonl");
    JsonlFileWriter first = writer(file);
    first.open(null);
    first.writeItems(List.of("one", "two"));
    Serializable committed = first.checkpointInfo();
    first.writeItems(List.of("three, never committed"));
    first.close(); // the job failed here: the last chunk's transaction rolled back

    JsonlFileWriter restarted = writer(file);
    restarted.open(committed);
    restarted.writeItems(List.of("three", "four"));
    restarted.close();

    assertThat(Files.readAllLines(file)).containsExactly("one", "two", "three", "four");
  }

  @Test
  void aFreshStartReplacesAnOldFile() throws Exception {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "stale\nlines\n");
    JsonlFileWriter writer = writer(file);
    writer.open(null);
    writer.writeItems(List.of("new"));
    writer.close();
    assertThat(Files.readAllLines(file)).containsExactly("new");
  }

  private static JsonlFileWriter writer(Path file) {
    JsonlFileWriter writer = new JsonlFileWriter();
    writer.output = file.toString();
    return writer;
  }
}
