package ai.atlas.tools.demo;

import ai.atlas.model.generate.Generator;
import ai.atlas.model.generate.SamplingOptions;
import ai.atlas.model.grpo.PairedTeachingRewards;
import ai.atlas.model.nn.Transformer;
import ai.atlas.model.tasks.LetterTasks;
import ai.atlas.model.tokenizer.ByteTokenizer;
import ai.atlas.model.tokenizer.ChatFormat;
import java.util.List;

/**
 * A student and (optionally) a teacher on the byte tokenizer, run through {@link TeachingProtocol}
 * with greedy decoding, as the server's {@code demo-local} profile runs them: one supervised round
 * of the paired lane per task.
 */
public final class TeachingPair {

  /** Longest student answer (a letter and the end of the turn). */
  static final int STUDENT_TOKENS = 4;
  /** Longest teacher reply (the JSON verdict with the spelled word). */
  static final int TEACHER_TOKENS = 64;

  /** One task through the protocol: the first answer, the teacher's reply and verdict, the final answer, tokens spent. */
  public record Outcome(LetterTasks.Task task, String firstAnswer, String reply, PairedTeachingRewards.Verdict verdict,
      String finalAnswer, int tokens) {

    public boolean firstRight() {
      return task.answer().equals(firstAnswer);
    }

    public boolean finalRight() {
      return task.answer().equals(finalAnswer);
    }
  }

  /** A student's answer and what its call cost. */
  public record Answer(String text, int tokens) {}

  private final ByteTokenizer tokenizer = new ByteTokenizer();
  private final Generator student;
  private final Generator teacher;

  /** {@code teacher} may be null: the student alone. */
  public TeachingPair(Transformer student, Transformer teacher) {
    this.student = new Generator(student, tokenizer);
    this.teacher = teacher == null ? null : new Generator(teacher, tokenizer);
  }

  public Outcome run(LetterTasks.Task task) {
    Answer first = studentAnswer(task.question(), null);
    if (teacher == null) {
      return new Outcome(task, first.text(), null, null, first.text(), first.tokens());
    }
    Generator.Generation reply = teacher.generate(ChatFormat.SIMPLE.render(TeachingProtocol.teacherMessages(task.question(),
        first.text())), greedy(TEACHER_TOKENS));
    PairedTeachingRewards.Verdict verdict = TeachingProtocol.verdict(reply.text());
    int tokens = first.tokens() + reply.promptTokens() + reply.tokens().length;
    if (verdict.valid()) {
      return new Outcome(task, first.text(), reply.text(), verdict, first.text(), tokens);
    }
    Answer guided = studentAnswer(task.question(), verdict.guidance());
    return new Outcome(task, first.text(), reply.text(), verdict, guided.text(), tokens + guided.tokens());
  }

  /** The student's greedy answer to the task, with the guidance when there is any. */
  public Answer studentAnswer(String task, String guidance) {
    Generator.Generation g = student.generate(ChatFormat.SIMPLE.render(TeachingProtocol.studentMessages(task, guidance)),
        greedy(STUDENT_TOKENS));
    return new Answer(g.text().strip(), g.promptTokens() + g.tokens().length);
  }

  static SamplingOptions greedy(int maxTokens) {
    return SamplingOptions.GREEDY.withMaxTokens(maxTokens).withStop(List.of(ChatFormat.SIMPLE.stop()));
  }
}
