package ai.atlas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code teach-demo} and {@code teach-data}: what they refuse, and the data they write. */
class TeachDemoCommandTest {

  @TempDir Path temp;

  private static String errorOf(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TeachDemoCommand.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void badOptionsAndMissingCheckpointsAreOneLineErrors() {
    assertThat(errorOf("s", "t", "steps")).startsWith("teach-demo: 'steps' is not name=value");
    assertThat(errorOf("s", "t", "colour=red")).startsWith("teach-demo: unknown option colour");
    assertThat(errorOf("s", "t", "seeds=")).startsWith("teach-demo: ");
    assertThat(errorOf(temp.resolve("none").toString(), temp.resolve("none").toString(), "steps=0")).startsWith("teach-demo: ")
        .doesNotContain("\n");
  }

  @Test
  void teachDataWritesTheDatasets() throws Exception {
    assertThat(ModelCommandAccess.run("teach-data", temp.toString(), "20", "3")).isZero();
    assertThat(Files.readAllLines(temp.resolve("teach-student.jsonl"))).hasSize(20).allMatch(l -> l.startsWith("{\"messages\":"));
    assertThat(Files.readAllLines(temp.resolve("teach-teacher.jsonl"))).hasSize(20);
    assertThat(Files.readAllLines(temp.resolve("teach-base.jsonl"))).hasSize(20).allMatch(l -> l.startsWith("{\"text\":"));
    assertThat(Files.readAllLines(temp.resolve("teach-teacher-tutors.jsonl"))).hasSize(ai.atlas.tools.demo.TeachingData.TUTOR_LINES)
        .allMatch(l -> l.startsWith("{\"messages\":"));
    // the learner's sessions with their lessons, and the reading teacher's lines
    assertThat(Files.readAllLines(temp.resolve("teach-learner.jsonl"))).hasSize(ai.atlas.tools.demo.TeachingData.LEARNER_LINES)
        .allMatch(l -> l.startsWith("{\"messages\":") && l.contains("Reward: ") && l.contains("{\\\"entries\\\":"));
    assertThat(Files.readAllLines(temp.resolve("teach-teacher-reader.jsonl"))).hasSize(ai.atlas.tools.demo.TeachingData.READER_LINES)
        .anyMatch(l -> l.contains("What worked on similar tasks: When the task mentions"))
        .anyMatch(l -> !l.contains("What worked on similar tasks"));
    // the pipeline job's task files: each line a task of its split with the letter that answers it
    var tasks = Files.readAllLines(temp.resolve("teach-tasks.jsonl")).stream()
        .map(l -> ai.atlas.model.grpo.GrpoDataset.parse(l, 1)).toList();
    var heldOut = Files.readAllLines(temp.resolve("teach-heldout.jsonl")).stream()
        .map(l -> ai.atlas.model.grpo.GrpoDataset.parse(l, 1)).toList();
    assertThat(tasks).hasSize(ai.atlas.tools.demo.TeachingData.PIPELINE_TASKS)
        .allMatch(t -> ai.atlas.model.tasks.LetterTasks.splitOf(t.question()) == ai.atlas.model.tasks.LetterTasks.Split.TRAIN);
    assertThat(heldOut).hasSize(ai.atlas.tools.demo.TeachingData.PIPELINE_HELD_OUT)
        .allMatch(t -> ai.atlas.model.tasks.LetterTasks.splitOf(t.question()) == ai.atlas.model.tasks.LetterTasks.Split.HELD_OUT);
    var first = heldOut.get(0);
    int place = Integer.parseInt(first.question().replaceAll("What is letter (\\d+) of .*", "$1"));
    String letters = first.question().replaceAll(".* of (.*)\\?", "$1").replace(", ", "");
    assertThat(first.answer()).isEqualTo(String.valueOf(letters.charAt(place - 1)));
  }
}
