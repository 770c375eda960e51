package ai.atlas.tools.demo;

import ai.atlas.model.grpo.PairedTeachingRewards;
import ai.atlas.model.grpo.TeachingReward;
import ai.atlas.model.tasks.LetterTasks;
import ai.atlas.model.tokenizer.ChatFormat;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The student/teacher protocol of the teaching demo, message for message as the server's paired
 * lane runs it with the {@code demo-local} profile: the student answers the task alone; the
 * teacher reads the task and that answer (the profile's {@code teacher.validation} template,
 * {@link #TEACHER_TEMPLATE}) and replies {@code {"guidance": "k1 q2 m3 t4", "valid": false}}; on
 * an invalid verdict the student answers again with the guidance in its system message (what the
 * {@code local} agent adapter writes). The training data of both models is made here, so what they
 * learn is what the server sends them.
 */
public final class TeachingProtocol {

  /** The teacher's prompt: the {@code teacher.validation} template of the {@code demo-local} profile. */
  public static final String TEACHER_TEMPLATE = "Task: {{task}}\nAnswer: {{answer}}";

  /** What the local agent adapter puts before the guidance in the system message. */
  public static final String GUIDANCE_PREFIX = "Guidance: ";


  private TeachingProtocol() {}

  /** The student's conversation: the task, with the guidance as a system message when there is any. */
  public static List<ChatFormat.Message> studentMessages(String task, String guidance) {
    List<ChatFormat.Message> messages = new ArrayList<>();
    if (guidance != null && !guidance.isBlank()) {
      messages.add(new ChatFormat.Message("system", GUIDANCE_PREFIX + guidance));
    }
    messages.add(new ChatFormat.Message("user", task));
    return messages;
  }

  /** The teacher's conversation: the template filled with the task and the student's answer. */
  public static List<ChatFormat.Message> teacherMessages(String task, String studentAnswer) {
    return List.of(new ChatFormat.Message("user", teacherPrompt(task, studentAnswer)));
  }

  public static String teacherPrompt(String task, String studentAnswer) {
    return TEACHER_TEMPLATE.replace("{{task}}", task).replace("{{answer}}", studentAnswer == null ? "" : studentAnswer.strip());
  }

  /** The reply a perfect teacher gives: the word spelled to the place asked for, and whether the answer was right. */
  public static String idealReply(LetterTasks.Task task, String studentAnswer) {
    return reply(task.spelledToPlace(), task.answer().equals(strip(studentAnswer)));
  }

  private static String reply(String guidance, boolean valid) {
    return Json.createObjectBuilder().add("guidance", guidance).add("valid", valid).build().toString();
  }

  private static String strip(String answer) {
    return answer == null ? null : answer.strip();
  }

  /** Reads a reply as the server's paired lane does: the outermost braces as JSON; anything else is an invalid verdict. */
  public static PairedTeachingRewards.Verdict verdict(String reply) {
    String text = reply == null ? "" : reply;
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try (var reader = Json.createReader(new StringReader(text.substring(start, end + 1)))) {
        JsonObject json = reader.readObject();
        String guidance = json.get("guidance") instanceof JsonString s ? s.getString() : "";
        return new PairedTeachingRewards.Verdict(json.get("valid") == JsonValue.TRUE, guidance);
      } catch (JsonException | IllegalStateException e) {
        // not JSON after all: read as words below
      }
    }
    return new PairedTeachingRewards.Verdict(false, text.strip());
  }

  /** The paired teaching reward with this protocol's teacher prompt and verdicts, the student answering greedily. */
  public static PairedTeachingRewards reward(TeachingPair student) {
    return new PairedTeachingRewards((task, guidance) -> student.studentAnswer(task, guidance).text(),
        TeachingProtocol::teacherMessages, TeachingProtocol::verdict, TeachingReward.DEFAULTS, () -> { });
  }

  /**
   * The student's training examples: tasks alone ({@code aloneShare} of them) and tasks with the
   * ideal guidance, so that it learns to use guidance whenever it is given.
   */
  public static List<TrainingLine> studentLines(List<LetterTasks.Task> tasks, double aloneShare, long seed) {
    Random random = new Random(seed);
    List<TrainingLine> lines = new ArrayList<>();
    for (LetterTasks.Task task : tasks) {
      String guidance = random.nextDouble() < aloneShare ? null : task.spelledToPlace();
      lines.add(new TrainingLine(studentMessages(task.question(), guidance), task.answer()));
    }
    return lines;
  }

  /**
   * The teacher's training examples: each task with a student answer that is right
   * {@code rightShare} of the time (else another letter of the word) and the ideal reply to it.
   */
  public static List<TrainingLine> teacherLines(List<LetterTasks.Task> tasks, double rightShare, long seed) {
    return tutorLines(tasks, rightShare, 0, seed);
  }

  /**
   * Demonstrations from tutors who do not all teach alike: as {@link #teacherLines}, but a
   * {@code terseShare} of the replies only give the verdict, with no guidance
   * ({@link #terseReply}). Such a reply judges the answer right, yet it leaves the student nothing
   * to go on: asked again without guidance, it gives the same answer. A teacher trained on these
   * imitates both kinds; only the teaching reward, which measures the student, tells them apart,
   * so GRPO has something to learn that supervised training cannot see. A terse reply never
   * breaks an answer the student had right, so the SFT teacher keeps its non-degradation.
   */
  public static List<TrainingLine> tutorLines(List<LetterTasks.Task> tasks, double rightShare, double terseShare, long seed) {
    Random random = new Random(seed);
    List<TrainingLine> lines = new ArrayList<>();
    for (LetterTasks.Task task : tasks) {
      String answer = random.nextDouble() < rightShare ? task.answer() : LetterTasks.wrongAnswer(task, random);
      // no draw without tutors, so teach-teacher.jsonl is the file the shipped teacher was trained on
      boolean terse = terseShare > 0 && random.nextDouble() < terseShare;
      String reply = terse ? terseReply(task, answer) : idealReply(task, answer);
      lines.add(new TrainingLine(teacherMessages(task.question(), answer), reply));
    }
    return lines;
  }

  /** The reply of a tutor who gives only the verdict, which is right, and no guidance. */
  public static String terseReply(LetterTasks.Task task, String studentAnswer) {
    return reply("", task.answer().equals(strip(studentAnswer)));
  }

  /** One supervised line: the conversation and the completion, written as the sft job reads it ({@code messages}). */
  public record TrainingLine(List<ChatFormat.Message> prompt, String completion) {

    /** The line as one text (the conversation rendered, the completion and the end of its turn), for whole-text training. */
    public String text() {
      return ChatFormat.SIMPLE.render(prompt) + completion + ChatFormat.SIMPLE.stop();
    }

    /** The line in the {@code text} layout. */
    public String toTextJson() {
      return Json.createObjectBuilder().add("text", text()).build().toString();
    }

    public String toJson() {
      var messages = Json.createArrayBuilder();
      prompt.forEach(m -> messages.add(Json.createObjectBuilder().add("role", m.role()).add("content", m.content())));
      messages.add(Json.createObjectBuilder().add("role", "assistant").add("content", completion));
      return Json.createObjectBuilder().add("messages", messages).build().toString();
    }
  }
}
