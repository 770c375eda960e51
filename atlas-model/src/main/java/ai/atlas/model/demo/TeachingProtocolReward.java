package ai.atlas.model.demo;

import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.model.grpo.GrpoRewards;
import ai.atlas.model.grpo.TeachingReward;
import ai.atlas.model.grpo.VerifiableReward;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The teaching reward of teacher replies under {@link TeachingProtocol}: the prompt is the
 * teacher's (the task and the student's first answer); a valid verdict keeps that answer, an
 * invalid one has the student answer again with the reply's guidance; {@link TeachingReward}
 * scores the first answer against the final one with the prompt's reference.
 */
public final class TeachingProtocolReward implements GrpoRewards {

  private final BiFunction<String, String, String> student; // (task, guidance) -> answer
  private final TeachingReward reward;

  public TeachingProtocolReward(BiFunction<String, String, String> student, TeachingReward reward) {
    this.student = student;
    this.reward = reward;
  }

  /** The task and the student's first answer, read back from a teacher prompt of {@link TeachingProtocol#TEACHER_TEMPLATE}. */
  record TeacherPrompt(String task, String firstAnswer) {
    static TeacherPrompt read(String prompt) {
      int answerAt = prompt.lastIndexOf("\nAnswer: ");
      if (!prompt.startsWith("Task: ") || answerAt < 0) {
        throw new IllegalArgumentException("not a teacher prompt of the teaching protocol: " + prompt);
      }
      return new TeacherPrompt(prompt.substring("Task: ".length(), answerAt), prompt.substring(answerAt + "\nAnswer: ".length()));
    }
  }

  @Override
  public Scores score(GrpoPrompt prompt, List<String> replies) {
    TeacherPrompt read = TeacherPrompt.read(prompt.question());
    double[] rewards = new double[replies.size()];
    int improved = 0;
    int degraded = 0;
    for (int i = 0; i < rewards.length; i++) {
      TeachingProtocol.Verdict verdict = TeachingProtocol.verdict(replies.get(i));
      String finalAnswer = verdict.valid() ? read.firstAnswer() : student.apply(read.task(), verdict.guidance());
      TeachingReward.Score score = reward.score(read.firstAnswer(), finalAnswer,
          answer -> VerifiableReward.matches(answer, prompt.answer()));
      rewards[i] = score.reward();
      improved += score.outcome() == TeachingReward.Outcome.IMPROVED ? 1 : 0;
      degraded += score.outcome() == TeachingReward.Outcome.DEGRADED ? 1 : 0;
    }
    return new Scores(rewards, improved, degraded, rewards.length);
  }
}
