package ai.atlas.web.interfaces.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLogsTest {

  @TempDir Path root;

  @Test
  void readsTheTopLevelPartsInNumberOrderThenEachPartitionsParts() throws IOException {
    Path execution = Files.createDirectories(root.resolve("sft/2026-11-22/instance.4/execution.9"));
    Files.writeString(execution.resolve("part.10.log"), "ten\n");
    Files.writeString(execution.resolve("part.2.log"), "two\n");
    Files.writeString(execution.resolve("part.1.log"), "one\n");
    Path partition = Files.createDirectories(execution.resolve("train/0"));
    Files.writeString(partition.resolve("part.1.log"), "partition\n");
    Files.writeString(execution.resolve("notes.txt"), "not a part\n");

    JobLogs logs = new JobLogs(root);
    assertThat(logs.executionFolder("sft", 4, 9)).contains(execution);
    assertThat(logs.executionFolder("sft", 4, 8)).isEmpty();
    assertThat(logs.executionFolder("grpo", 4, 9)).isEmpty();
    assertThat(JobLogs.read(execution)).isEqualTo("one\ntwo\nten\n==== train/0 ====\npartition\n");

    assertThat(logs.instanceFolders("sft", 4)).containsExactly(root.resolve("sft/2026-11-22/instance.4"));
    logs.instanceFolders("sft", 4).forEach(JobLogs::delete);
    assertThat(root.resolve("sft/2026-11-22/instance.4")).doesNotExist();
    assertThat(root.resolve("sft/2026-11-22")).isDirectory();
  }

  @Test
  void aVeryLongLogKeepsItsEnd() throws IOException {
    Path execution = Files.createDirectories(root.resolve("grpo/2026-11-22/instance.1/execution.1"));
    Files.writeString(execution.resolve("part.1.log"), "a".repeat(JobLogs.MAX_BYTES) + "the end\n");
    String text = JobLogs.read(execution);
    assertThat(text).startsWith("[... the first 8 bytes are left out ...]\n").endsWith("the end\n");
  }
}
