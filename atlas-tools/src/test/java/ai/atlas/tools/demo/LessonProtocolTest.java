package ai.atlas.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.model.tasks.LetterTasks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learning model's prompt as the server writes it, and the lessons it is trained to write. */
class LessonProtocolTest {

  @Test
  void thePromptIsTheProfilesTemplateWithTheTraceTheServerWrites() {
    // SessionLearning.trace writes each attempt so; SessionLearningTest checks the same lines on the server's side
    assertThat(LessonProtocol.learnerPrompt("What is letter 3 of a, b, c?", 1.0, "b", "a1 b2 c3", "c"))
        .isEqualTo("Task: What is letter 3 of a, b, c?\nReward: 1.00\n- answer: b\n- answer, with guidance \"a1 b2 c3\": c");
    assertThat(LessonProtocol.learnerPrompt("What is letter 3 of a, b, c?", 0.0, "b", "", "b"))
        .endsWith("Reward: 0.00\n- answer: b\n- answer, with guidance \"\": b");
    assertThat(LessonProtocol.learnerPrompt("What is letter 3 of a, b, c?", 1.0, "c", null, null))
        .isEqualTo("Task: What is letter 3 of a, b, c?\nReward: 1.00\n- answer: c");
  }

  @Test
  void eachOutcomeTeachesItsLessonForThePlaceAsked() {
    assertThat(LessonProtocol.Outcome.of(true, true, "a1 b2")).isEqualTo(LessonProtocol.Outcome.GUIDED_RIGHT);
    assertThat(LessonProtocol.Outcome.of(false, true, "a1 b2")).isEqualTo(LessonProtocol.Outcome.GUIDED_WRONG);
    assertThat(LessonProtocol.Outcome.of(false, true, "")).isEqualTo(LessonProtocol.Outcome.UNGUIDED_WRONG);
    assertThat(LessonProtocol.Outcome.of(true, true, " ")).isEqualTo(LessonProtocol.Outcome.UNGUIDED_RIGHT);
    assertThat(LessonProtocol.Outcome.of(true, false, null)).isEqualTo(LessonProtocol.Outcome.ACCEPTED_RIGHT);
    assertThat(LessonProtocol.Outcome.of(false, false, null)).isEqualTo(LessonProtocol.Outcome.ACCEPTED_WRONG);

    JsonObject student = entry(LessonProtocol.lessons(LessonProtocol.Outcome.GUIDED_RIGHT, 7));
    assertThat(student.getString("cue")).isEqualTo("7");
    assertThat(student.getString("cue_type")).isEqualTo("keyword");
    assertThat(student.getString("audience")).isEqualTo("student");
    assertThat(student.getString("action")).contains("letter 7");
    assertThat(entry(LessonProtocol.lessons(LessonProtocol.Outcome.UNGUIDED_WRONG, 2)).getString("action")).startsWith("give guidance");
    assertThat(entry(LessonProtocol.lessons(LessonProtocol.Outcome.GUIDED_WRONG, 2)).getString("audience")).isEqualTo("teacher");
    assertThat(LessonProtocol.lessons(LessonProtocol.Outcome.ACCEPTED_RIGHT, 2)).isEqualTo("{\"entries\":[]}");
    assertThat(LessonProtocol.lessons(LessonProtocol.Outcome.UNGUIDED_RIGHT, 2)).isEqualTo("{\"entries\":[]}");
  }

  @Test
  void theTrainingLinesCoverEveryOutcomeAndFitTheLearnersContext() {
    List<LetterTasks.Task> tasks = LetterTasks.generate(LetterTasks.Split.TRAIN, 2_000, 3);
    List<TeachingProtocol.TrainingLine> lines = LessonProtocol.learnerLines(tasks, 4);

    var tokenizer = new ai.atlas.model.tokenizer.ByteTokenizer();
    Map<String, Integer> byAction = new java.util.HashMap<>();
    Map<LessonProtocol.Outcome, Integer> seen = new EnumMap<>(LessonProtocol.Outcome.class);
    for (int i = 0; i < lines.size(); i++) {
      TeachingProtocol.TrainingLine line = lines.get(i);
      String prompt = line.prompt().get(0).content();
      assertThat(prompt).startsWith("Task: " + tasks.get(i).question() + "\nReward: ");
      boolean rewarded = prompt.contains("Reward: 1.00");
      boolean retried = prompt.contains("with guidance");
      String guidance = retried ? prompt.substring(prompt.indexOf('"') + 1, prompt.lastIndexOf('"')) : null;
      LessonProtocol.Outcome outcome = LessonProtocol.Outcome.of(rewarded, retried, guidance);
      seen.merge(outcome, 1, Integer::sum);
      // the lesson is the one of what the prompt shows, for the place the task asked
      assertThat(line.completion()).isEqualTo(LessonProtocol.lessons(outcome, tasks.get(i).place()));
      // the whole line within the 288 positions of models/teach-learner
      assertThat(tokenizer.encode(line.text()).length).isLessThanOrEqualTo(288);
      byAction.merge(line.completion().replaceAll("\\d", "N"), 1, Integer::sum);
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrder(LessonProtocol.Outcome.values());
    assertThat(seen.get(LessonProtocol.Outcome.GUIDED_RIGHT)).isGreaterThan(lines.size() / 3);
    assertThat(byAction).hasSize(4); // three lessons and none
  }

  @Test
  void theReadingTeacherGetsItsLessonsAsThePairedLaneWritesThemAndGuidesWheneverOneApplies() {
    // PlaybookEntry.render of a keyword entry, joined as Orchestrator.validate joins the teacher's lines
    assertThat(LessonProtocol.readerPrompt("What is letter 2 of a, b, c?", " c ", List.of(
        LessonProtocol.teacherLine(LessonProtocol.Outcome.UNGUIDED_WRONG, 2),
        LessonProtocol.teacherLine(LessonProtocol.Outcome.GUIDED_WRONG, 2))))
        .isEqualTo("Task: What is letter 2 of a, b, c?\nAnswer: c\nWhat worked on similar tasks: When the task mentions 2: give guidance:"
            + " the list with places to letter 2; When the task mentions 2: check the answer against the list spelled to letter 2");
    assertThat(LessonProtocol.readerPrompt("What is letter 2 of a, b, c?", "c", List.of()))
        .isEqualTo("Task: What is letter 2 of a, b, c?\nAnswer: c\n");

    List<LetterTasks.Task> tasks = LetterTasks.generate(LetterTasks.Split.TRAIN, 1_000, 5);
    List<TeachingProtocol.TrainingLine> lines = LessonProtocol.readerLines(tasks, 0.5, 6);
    var tokenizer = new ai.atlas.model.tokenizer.ByteTokenizer();
    int taught = 0;
    int terseWithout = 0;
    for (int i = 0; i < lines.size(); i++) {
      String prompt = lines.get(i).prompt().get(0).content();
      String reply = lines.get(i).completion();
      if (prompt.contains("What worked on similar tasks")) {
        taught++;
        assertThat(prompt).contains("When the task mentions " + tasks.get(i).place() + ":");
        assertThat(reply).as("a lesson applies: always the list").contains("\"guidance\":\"" + tasks.get(i).spelledToPlace() + "\"");
      } else if (reply.contains("\"guidance\":\"\"")) {
        terseWithout++;
      }
      assertThat(tokenizer.encode(lines.get(i).text()).length).isLessThanOrEqualTo(320); // models/teach-teacher-reader's positions
    }
    assertThat(taught).isBetween(400, 600);
    assertThat(terseWithout).as("without a lesson, the tutors' habit: half without guidance").isBetween(200, 300);
  }

  private static JsonObject entry(String lessons) {
    try (var reader = Json.createReader(new StringReader(lessons))) {
      return reader.readObject().getJsonArray("entries").getJsonObject(0);
    }
  }
}
