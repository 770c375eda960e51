package ai.atlas.tools.demo;

import ai.atlas.model.tasks.LetterTasks;
import ai.atlas.model.tokenizer.ChatFormat;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the teaching demo's learning model ({@code models/teach-learner}) reads and writes: the
 * {@code demo-local} profile's {@code learning.prompts.synthesizer} ({@link #LEARNER_TEMPLATE})
 * filled with the task, the session's reward and its attempts as the server writes them
 * ({@code - answer: b}, then {@code - answer, with guidance "k1 q2 m3": m}), and the playbook
 * entries it distils, in the synthesis's JSON.
 *
 * <p>A lesson is keyed to the place the task asked for (a {@code keyword} cue such as {@code 7}),
 * and which lesson depends on how the session went ({@link Outcome}): guidance that led to a right
 * answer becomes a hint for the student; a verdict with no guidance that left the answer wrong, a
 * hint for the teacher to give guidance; guidance the answer stayed wrong with, or an accepted
 * wrong first answer, a hint for the teacher to check; a right answer nobody had to guide teaches
 * nothing. At this scale the learner has a repertoire of three lessons; what it learns from a
 * session is which one, and for which place.
 */
public final class LessonProtocol {

  /** The learner's prompt: the {@code learning.prompts.synthesizer} of the {@code demo-local} profile. */
  public static final String LEARNER_TEMPLATE = "Task: {{task}}\nReward: {{reward}}\n{{trace}}";

  /** How a session of the paired lane went, as far as a lesson goes. */
  public enum Outcome {
    /** Right at once, no guidance needed: nothing to learn. */
    ACCEPTED_RIGHT,
    /** The teacher accepted a wrong first answer: it should check. */
    ACCEPTED_WRONG,
    /** Guidance, and the answer with it is right: the student's lesson. */
    GUIDED_RIGHT,
    /** Guidance, and the answer with it is still wrong: the teacher should check its guidance. */
    GUIDED_WRONG,
    /** A verdict without guidance, and the answer stays wrong: the teacher should guide. */
    UNGUIDED_WRONG,
    /** A verdict without guidance, and the student was right anyway: nothing to learn. */
    UNGUIDED_RIGHT;

    /** The outcome of a session from what the learner reads: the reward and its attempts. */
    public static Outcome of(boolean rewarded, boolean retried, String guidance) {
      if (!retried) {
        return rewarded ? ACCEPTED_RIGHT : ACCEPTED_WRONG;
      }
      if (guidance == null || guidance.isBlank()) {
        return rewarded ? UNGUIDED_RIGHT : UNGUIDED_WRONG;
      }
      return rewarded ? GUIDED_RIGHT : GUIDED_WRONG;
    }
  }

  private LessonProtocol() {}

  /** The learner's prompt for a session of the paired lane: one attempt, or two with the teacher's guidance between. */
  public static String learnerPrompt(String task, double reward, String firstAnswer, String guidance, String finalAnswer) {
    StringBuilder trace = new StringBuilder("- answer: ").append(firstAnswer);
    if (finalAnswer != null) {
      trace.append("\n- answer, with guidance \"").append(guidance == null ? "" : guidance).append("\": ").append(finalAnswer);
    }
    return LEARNER_TEMPLATE.replace("{{task}}", task).replace("{{reward}}", String.format(Locale.ROOT, "%.2f", reward))
        .replace("{{trace}}", trace);
  }

  /** The entries a session of this outcome teaches, for the place the task asked for, as the synthesis's JSON. */
  public static String lessons(Outcome outcome, int place) {
    var entries = Json.createArrayBuilder();
    String action = action(outcome, place);
    if (action != null) {
      entries.add(Json.createObjectBuilder().add("cue", String.valueOf(place)).add("cue_type", "keyword").add("action", action)
          .add("audience", outcome == Outcome.GUIDED_RIGHT ? "student" : "teacher"));
    }
    return Json.createObjectBuilder().add("entries", entries).build().toString();
  }

  /** What a session of this outcome teaches about the place, or null: nothing. */
  static String action(Outcome outcome, int place) {
    return switch (outcome) {
      case GUIDED_RIGHT -> "spell the list with places to letter " + place + ", then answer";
      case UNGUIDED_WRONG -> "give guidance: the list with places to letter " + place;
      case GUIDED_WRONG, ACCEPTED_WRONG -> "check the answer against the list spelled to letter " + place;
      case ACCEPTED_RIGHT, UNGUIDED_RIGHT -> null;
    };
  }

  /**
   * The {@code demo-playbook} profile's {@code teacher.validation} template: the demo teacher's
   * prompt, then the playbook's teacher lines (empty when none applies).
   */
  public static final String READER_TEMPLATE = TeachingProtocol.TEACHER_TEMPLATE + "\n{{playbook}}";

  /** An outcome's lesson for the teacher as the server writes it into the prompt (PlaybookEntry.render of a keyword entry). */
  static String teacherLine(Outcome outcome, int place) {
    return "When the task mentions " + place + ": " + action(outcome, place);
  }

  /** The reading teacher's prompt: the task, the answer, and the teacher's lessons that apply, as the paired lane joins them. */
  public static String readerPrompt(String task, String studentAnswer, List<String> teacherLines) {
    String playbook = teacherLines.isEmpty() ? "" : "What worked on similar tasks: " + String.join("; ", teacherLines);
    return READER_TEMPLATE.replace("{{task}}", task).replace("{{answer}}", studentAnswer.strip()).replace("{{playbook}}", playbook);
  }

  /**
   * The training lines of a teacher that reads its playbook: the tutors' two habits when no lesson
   * applies ({@link TeachingProtocol#tutorLines}: half the verdicts without guidance), and the
   * word spelled to the place whenever a lesson for the teacher about that place is in the prompt.
   * So what the learner wrote from earlier sessions changes what this teacher does in later ones.
   */
  public static List<TeachingProtocol.TrainingLine> readerLines(List<LetterTasks.Task> tasks, double lessonShare, long seed) {
    Random random = new Random(seed);
    List<TeachingProtocol.TrainingLine> lines = new ArrayList<>();
    for (LetterTasks.Task task : tasks) {
      String answer = random.nextDouble() < TeachingData.RIGHT_SHARE ? task.answer() : LetterTasks.wrongAnswer(task, random);
      List<String> taught = new ArrayList<>();
      if (random.nextDouble() < lessonShare) {
        String give = teacherLine(Outcome.UNGUIDED_WRONG, task.place());
        String check = teacherLine(Outcome.GUIDED_WRONG, task.place());
        double pick = random.nextDouble();
        taught.addAll(pick < 0.4 ? List.of(give) : pick < 0.6 ? List.of(check) : pick < 0.8 ? List.of(give, check) : List.of(check, give));
      }
      boolean terse = taught.isEmpty() && random.nextDouble() < TeachingData.TERSE_SHARE;
      String reply = terse ? TeachingProtocol.terseReply(task, answer) : TeachingProtocol.idealReply(task, answer);
      lines.add(new TeachingProtocol.TrainingLine(List.of(new ChatFormat.Message("user", readerPrompt(task.question(), answer, taught))),
          reply));
    }
    return lines;
  }

  /**
   * The learner's training lines: sessions of the paired lane over training-split tasks, drawn as
   * the demo's students and teachers leave them (a first answer mostly wrong, guidance mostly the
   * word spelled to the place, sometimes to another place or none at all, a guided answer mostly
   * right when the guidance is), each with the lessons of its outcome.
   */
  public static List<TeachingProtocol.TrainingLine> learnerLines(List<LetterTasks.Task> tasks, long seed) {
    Random random = new Random(seed);
    List<TeachingProtocol.TrainingLine> lines = new ArrayList<>();
    for (LetterTasks.Task task : tasks) {
      String first = random.nextDouble() < 0.15 ? task.answer() : LetterTasks.wrongAnswer(task, random);
      double shape = random.nextDouble();
      String guidance = null;
      String last = null;
      if (shape < 0.1) {
        last = null; // the teacher accepted the first answer
      } else if (shape < 0.35) {
        guidance = ""; // a verdict without guidance: the student answers as before, mostly
        last = random.nextDouble() < 0.8 ? first : LetterTasks.wrongAnswer(task, random);
      } else {
        boolean spelledRight = random.nextDouble() < 0.85;
        guidance = spelledRight ? task.spelledToPlace() : LetterTasks.of(task.word(), 1 + random.nextInt(LetterTasks.LENGTH)).spelledToPlace();
        last = spelledRight && random.nextDouble() < 0.85 ? task.answer() : LetterTasks.wrongAnswer(task, random);
      }
      boolean rewarded = (last == null ? first : last).equals(task.answer());
      Outcome outcome = Outcome.of(rewarded, last != null, guidance);
      String prompt = learnerPrompt(task.question(), rewarded ? 1.0 : 0.0, first, guidance, last);
      lines.add(new TeachingProtocol.TrainingLine(List.of(new ChatFormat.Message("user", prompt)), lessons(outcome, task.place())));
    }
    return lines;
  }
}
