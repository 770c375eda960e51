package ai.atlas.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.model.grpo.GrpoRewards;
import ai.atlas.model.grpo.PairedTeachingRewards;
import ai.atlas.model.grpo.TeachingReward;
import ai.atlas.model.tasks.LetterTasks;
import ai.atlas.model.tokenizer.ChatFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The letter tasks, the protocol's messages and verdicts, and the teaching reward of replies. */
class TeachingProtocolTest {

  @Test
  void tasksAreListsOfDistinctLettersWithAFixedSplit() {
    List<LetterTasks.Task> train = LetterTasks.generate(LetterTasks.Split.TRAIN, 300, 1);
    List<LetterTasks.Task> heldOut = LetterTasks.generate(LetterTasks.Split.HELD_OUT, 100, 1);

    assertThat(train).hasSize(300);
    assertThat(heldOut).hasSize(100);
    assertThat(train).extracting(LetterTasks.Task::question).doesNotContainAnyElementsOf(
        heldOut.stream().map(LetterTasks.Task::question).toList());
    for (LetterTasks.Task task : train) {
      assertThat(task.word()).hasSize(LetterTasks.LENGTH);
      assertThat(task.word().chars().distinct().count()).isEqualTo(LetterTasks.LENGTH);
      assertThat(task.answer()).isEqualTo(String.valueOf(task.word().charAt(task.place() - 1)));
      assertThat(LetterTasks.splitOf(task.question())).isEqualTo(LetterTasks.Split.TRAIN);
    }
    LetterTasks.Task task = LetterTasks.of("kqmtzbcw", 4);
    assertThat(task.question()).isEqualTo("What is letter 4 of k, q, m, t, z, b, c, w?");
    assertThat(task.answer()).isEqualTo("t");
    assertThat(task.spelledToPlace()).isEqualTo("k1 q2 m3 t4");
    assertThatThrownBy(() -> LetterTasks.of("kqm", 4)).hasMessageContaining("outside");
  }

  @Test
  void theStudentGetsTheGuidanceAsTheLocalAgentWritesItAndTheTeacherTheProfilesTemplate() {
    assertThat(TeachingProtocol.studentMessages("What is letter 1 of a, b?", null))
        .containsExactly(new ChatFormat.Message("user", "What is letter 1 of a, b?"));
    assertThat(TeachingProtocol.studentMessages("What is letter 1 of a, b?", "a1"))
        .containsExactly(new ChatFormat.Message("system", "Guidance: a1"), new ChatFormat.Message("user", "What is letter 1 of a, b?"));
    assertThat(TeachingProtocol.teacherPrompt("What is letter 1 of a, b?", " b "))
        .isEqualTo("Task: What is letter 1 of a, b?\nAnswer: b");
  }

  @Test
  void theIdealReplySpellsToThePlaceAndJudgesTheAnswerAndReadsBackAsTheLaneReadsIt() {
    LetterTasks.Task task = LetterTasks.of("kqmtzbcw", 4);
    String wrong = TeachingProtocol.idealReply(task, "m");
    String right = TeachingProtocol.idealReply(task, "t");

    assertThat(wrong).isEqualTo("{\"guidance\":\"k1 q2 m3 t4\",\"valid\":false}");
    assertThat(TeachingProtocol.verdict(wrong)).isEqualTo(new PairedTeachingRewards.Verdict(false, "k1 q2 m3 t4"));
    assertThat(TeachingProtocol.verdict(right).valid()).isTrue();
    // what a model may say instead: not JSON is an invalid verdict whose guidance is the words
    assertThat(TeachingProtocol.verdict("k1 q2 {oops")).isEqualTo(new PairedTeachingRewards.Verdict(false, "k1 q2 {oops"));
    assertThat(TeachingProtocol.verdict(null)).isEqualTo(new PairedTeachingRewards.Verdict(false, ""));
  }

  @Test
  void trainingLinesAreWhatTheSftJobReads() {
    TeachingData data = TeachingData.of(40, 3);
    assertThat(data.base()).hasSize(40);
    assertThat(data.student()).hasSize(40);
    assertThat(data.teacher()).hasSize(40);
    assertThat(data.student()).anyMatch(l -> l.prompt().size() == 1).anyMatch(l -> l.prompt().size() == 2);
    TeachingProtocol.TrainingLine line = data.teacher().get(0);
    assertThat(line.toJson()).startsWith("{\"messages\":[{\"role\":\"user\",\"content\":\"Task: What is letter ")
        .endsWith("\"role\":\"assistant\",\"content\":" + jsonString(line.completion()) + "}]}");
    assertThat(line.text()).startsWith("<|user|>\nTask: ").endsWith(line.completion() + "<|end|>");
  }

  @Test
  void tutorDemonstrationsMixTheIdealReplyWithTerseVerdictsAndAlwaysJudgeTheAnswerRight() {
    LetterTasks.Task task = LetterTasks.of("kqmtzbcw", 4);
    assertThat(TeachingProtocol.terseReply(task, "m")).isEqualTo("{\"guidance\":\"\",\"valid\":false}");
    assertThat(TeachingProtocol.verdict(TeachingProtocol.terseReply(task, " t")).valid()).isTrue();

    List<LetterTasks.Task> tasks = LetterTasks.generate(LetterTasks.Split.TRAIN, 400, 5);
    List<TeachingProtocol.TrainingLine> lines = TeachingProtocol.tutorLines(tasks, 0.4, 0.5, 9);
    int terse = 0;
    for (int i = 0; i < tasks.size(); i++) {
      LetterTasks.Task t = tasks.get(i);
      String answer = lines.get(i).prompt().get(0).content().replaceAll("(?s).*\nAnswer: ", "");
      PairedTeachingRewards.Verdict verdict = TeachingProtocol.verdict(lines.get(i).completion());
      assertThat(verdict.valid()).isEqualTo(t.answer().equals(answer));
      assertThat(verdict.guidance()).isIn(t.spelledToPlace(), "");
      terse += verdict.guidance().isEmpty() ? 1 : 0;
    }
    assertThat(terse).as("replies without guidance").isBetween(170, 230);
    assertThat(TeachingProtocol.tutorLines(tasks, 0.4, 0, 9)).isEqualTo(TeachingProtocol.teacherLines(tasks, 0.4, 9));
  }

  @Test
  void theTableCountsWhatTheTeacherDidAndWhatItCostTheStudent() {
    LetterTasks.Task task = LetterTasks.of("kqmtzbcw", 4);
    var exactHelps = new TeachingPair.Outcome(task, "m", "", new PairedTeachingRewards.Verdict(false, "k1 q2 m3 t4"), "t", 10);
    var wholeListBreaks = new TeachingPair.Outcome(task, "t", "",
        new PairedTeachingRewards.Verdict(false, "k1 q2 m3 t4 z5 b6 c7 w8"), "w", 10);
    var keptValid = new TeachingPair.Outcome(task, "t", "", new PairedTeachingRewards.Verdict(true, ""), "t", 6);
    TeachingTable table = TeachingTable.of(List.of(exactHelps, wholeListBreaks, keptValid));

    assertThat(table.accuracy()).isEqualTo(2 / 3.0);
    assertThat(table.aloneAccuracy()).isEqualTo(2 / 3.0);
    assertThat(table.rightAlone()).isEqualTo(2);
    assertThat(table.nonDegradation()).isEqualTo(0.5);
    assertThat(table.improved()).isEqualTo(1);
    assertThat(table.degraded()).isEqualTo(1);
    assertThat(table.exactGuidance()).isEqualTo(1);
    assertThat(table.judgedValidRight()).isEqualTo(1);
    assertThat(table.tokensPerTask()).isEqualTo(26 / 3.0);
  }

  private static String jsonString(String text) {
    return jakarta.json.Json.createValue(text).toString();
  }

  /** A student that answers "m" alone and, with guidance, the letter the guidance names last. */
  private static final class GuidedStudent {
    final List<String> guidanceSeen = new ArrayList<>();
    String alone = "m";

    String answer(String task, String guidance) {
      guidanceSeen.add(guidance);
      return guidance == null || guidance.isBlank() ? alone : guidance.substring(guidance.length() - 2, guidance.length() - 1);
    }
  }

  private static PairedTeachingRewards reward(GuidedStudent student) {
    return new PairedTeachingRewards(student::answer, TeachingProtocol::teacherMessages, TeachingProtocol::verdict,
        TeachingReward.DEFAULTS, () -> { });
  }

  @Test
  void theTeacherIsAskedAboutTheStudentsOwnAnswerAndItsGuidanceReachesTheStudent() {
    GuidedStudent student = new GuidedStudent();
    PairedTeachingRewards reward = reward(student);
    LetterTasks.Task task = LetterTasks.of("kqmtzbcw", 4);

    List<GrpoPrompt> prompts = reward.prompts(List.of(GrpoPrompt.of(task.question(), task.answer())));

    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0).question()).isEqualTo("Task: " + task.question() + "\nAnswer: m");
    assertThat(prompts.get(0).answer()).isEqualTo("t");
    GrpoRewards.Scores fixed = reward.score(prompts.get(0), List.of(TeachingProtocol.idealReply(task, "m"),
        "{\"guidance\":\"k1 q2 m3\",\"valid\":false}", "{\"guidance\":\"\",\"valid\":true}"));
    assertThat(fixed.rewards()).containsExactly(1.0, 0.0, 0.0); // right guidance fixes it; wrong guidance or a wrong "valid" does not
    assertThat(fixed.improved()).isEqualTo(1);
    // alone first, then each invalid reply's guidance; the valid reply kept the first answer without a call
    assertThat(student.guidanceSeen).containsExactly(null, "k1 q2 m3 t4", "k1 q2 m3");
  }

  @Test
  void guidanceThatBreaksARightAnswerIsPenalisedAndAValidVerdictKeepsIt() {
    GuidedStudent student = new GuidedStudent();
    student.alone = "t";
    PairedTeachingRewards reward = reward(student);
    LetterTasks.Task task = LetterTasks.of("kqmtzbcw", 4);
    GrpoPrompt prompt = reward.prompts(List.of(GrpoPrompt.of(task.question(), task.answer()))).get(0);

    GrpoRewards.Scores kept = reward.score(prompt, List.of(TeachingProtocol.idealReply(task, "t"),
        "{\"guidance\":\"k1 q2 m3 c4\",\"valid\":false}"));

    assertThat(kept.rewards()).containsExactly(0.0, -1.0);
    assertThat(kept.degraded()).isEqualTo(1);
    assertThat(kept.improved()).isZero();
    assertThatThrownBy(() -> reward.score(GrpoPrompt.of("not asked", "t"), List.of("x"))).hasMessageContaining("not made by prompts()");
  }
}
