package ai.atlas.model.grpo;

import ai.atlas.model.tokenizer.ChatFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The teaching reward under the paired lane's protocol, for training a teacher: the dataset's
 * prompts are tasks; the student answers each alone, and the policy (the teacher) is asked about
 * that answer with the teacher's validation prompt. A reply with a valid verdict keeps the first
 * answer; an invalid one has the student answer again with the reply's guidance. The
 * {@link TeachingReward} then scores the first answer against the final one with the task's
 * reference: guidance that turns a wrong answer right earns 1, one that breaks a right answer the
 * penalty.
 */
public final class PairedTeachingRewards implements GrpoRewards {

  /** A teacher's reply as the lane reads it. */
  public record Verdict(boolean valid, String guidance) {}

  /** The task behind a teacher prompt, and the student's answer the teacher was shown. */
  private record Asked(String task, String firstAnswer) {}

  private final BiFunction<String, String, String> student; // (task, guidance or null) -> answer
  private final BiFunction<String, String, List<ChatFormat.Message>> teacherPrompt; // (task, answer) -> messages
  private final Function<String, Verdict> verdict;
  private final TeachingReward reward;
  private final AutoCloseable resources;
  private final Map<String, Asked> asked = new ConcurrentHashMap<>();

  public PairedTeachingRewards(BiFunction<String, String, String> student,
      BiFunction<String, String, List<ChatFormat.Message>> teacherPrompt, Function<String, Verdict> verdict, TeachingReward reward,
      AutoCloseable resources) {
    this.student = student;
    this.teacherPrompt = teacherPrompt;
    this.verdict = verdict;
    this.reward = reward;
    this.resources = resources;
  }

  /** The teacher's prompts: each task with the student's own first answer to it. */
  @Override
  public List<GrpoPrompt> prompts(List<GrpoPrompt> tasks) {
    List<GrpoPrompt> prompts = new ArrayList<>();
    for (GrpoPrompt task : tasks) {
      String first = student.apply(task.question(), null);
      GrpoPrompt prompt = new GrpoPrompt(teacherPrompt.apply(task.question(), first), task.answer());
      asked.put(key(prompt), new Asked(task.question(), first));
      prompts.add(prompt);
    }
    return prompts;
  }

  @Override
  public Scores score(GrpoPrompt prompt, List<String> replies) {
    Asked context = asked.remove(key(prompt));
    if (context == null) {
      throw new IllegalStateException("the prompt was not made by prompts(): " + prompt.question());
    }
    double[] rewards = new double[replies.size()];
    int improved = 0;
    int degraded = 0;
    for (int i = 0; i < rewards.length; i++) {
      Verdict read = verdict.apply(replies.get(i));
      String finalAnswer = read.valid() ? context.firstAnswer() : student.apply(context.task(), read.guidance());
      TeachingReward.Score score = reward.score(context.firstAnswer(), finalAnswer,
          answer -> VerifiableReward.matches(answer, prompt.answer()));
      rewards[i] = score.reward();
      improved += score.outcome() == TeachingReward.Outcome.IMPROVED ? 1 : 0;
      degraded += score.outcome() == TeachingReward.Outcome.DEGRADED ? 1 : 0;
    }
    return new Scores(rewards, improved, degraded, rewards.length);
  }

  private static String key(GrpoPrompt prompt) {
    return prompt.messages().toString() + "\u0000" + prompt.answer();
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      // releasing the student must not fail the step that trained with it
    }
  }
}
