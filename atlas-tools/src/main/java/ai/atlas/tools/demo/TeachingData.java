package ai.atlas.tools.demo;

import ai.atlas.model.tasks.LetterTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The teaching demo's training data, generated from training-split tasks: a base set of whole
 * conversations of both roles (pretraining from scratch: every token in the loss, so the base
 * model learns to read and copy lists long before it could from one answer letter per example),
 * then the student's and the teacher's supervised lines.
 */
public record TeachingData(List<TeachingProtocol.TrainingLine> base, List<TeachingProtocol.TrainingLine> student,
    List<TeachingProtocol.TrainingLine> teacher) {

  /** The share of student lines without guidance, and of teacher lines whose student answer was right. */
  public static final double ALONE_SHARE = 0.25;
  public static final double RIGHT_SHARE = 0.4;
  /** Tutor demonstrations ({@code teach-teacher-tutors.jsonl}): how many, and the share that give no guidance. */
  public static final int TUTOR_LINES = 2_400;
  public static final double TERSE_SHARE = 0.5;

  public static TeachingData of(int count, long seed) {
    List<LetterTasks.Task> tasks = LetterTasks.generate(LetterTasks.Split.TRAIN, count, seed);
    List<TeachingProtocol.TrainingLine> student = TeachingProtocol.studentLines(tasks, ALONE_SHARE, seed + 1);
    List<TeachingProtocol.TrainingLine> teacher = TeachingProtocol.teacherLines(tasks, RIGHT_SHARE, seed + 2);
    List<TeachingProtocol.TrainingLine> base = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      base.add(i % 2 == 0 ? student.get(i) : teacher.get(i)); // one role per task, alternating
    }
    return new TeachingData(base, student, teacher);
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("teach-base.jsonl"), base.stream().map(TeachingProtocol.TrainingLine::toTextJson).toList());
    Files.write(dir.resolve("teach-student.jsonl"), student.stream().map(TeachingProtocol.TrainingLine::toJson).toList());
    Files.write(dir.resolve("teach-teacher.jsonl"), teacher.stream().map(TeachingProtocol.TrainingLine::toJson).toList());
  }

  /**
   * The tutors' demonstrations the table's SFT teacher is fine-tuned on
   * ({@code teach-teacher-tutors.jsonl}): {@link TeachingProtocol#tutorLines} over fresh
   * training-split tasks, so GRPO starts from a teacher that imitates an unhelpful habit too.
   */
  public static List<TeachingProtocol.TrainingLine> tutorLines(long seed) {
    return TeachingProtocol.tutorLines(LetterTasks.generate(LetterTasks.Split.TRAIN, TUTOR_LINES, seed + 3), RIGHT_SHARE,
        TERSE_SHARE, seed + 4);
  }

  public static void writeTutorLines(Path dir, long seed) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("teach-teacher-tutors.jsonl"), tutorLines(seed).stream().map(TeachingProtocol.TrainingLine::toJson)
        .toList());
  }

  /** Sessions the learning model ({@code teach-learner.jsonl}) is trained on. */
  public static final int LEARNER_LINES = 3_000;

  /** The learning model's lines: {@link LessonProtocol#learnerLines} over fresh training-split tasks. */
  public static List<TeachingProtocol.TrainingLine> learnerLines(long seed) {
    return LessonProtocol.learnerLines(LetterTasks.generate(LetterTasks.Split.TRAIN, LEARNER_LINES, seed + 5), seed + 6);
  }

  public static void writeLearnerLines(Path dir, long seed) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("teach-learner.jsonl"), learnerLines(seed).stream().map(TeachingProtocol.TrainingLine::toJson).toList());
  }

  /** Lines of the teacher that reads its playbook ({@code teach-teacher-reader.jsonl}), and the share with lessons in the prompt. */
  public static final int READER_LINES = 3_000;
  public static final double LESSON_SHARE = 0.5;

  public static List<TeachingProtocol.TrainingLine> readerLines(long seed) {
    return LessonProtocol.readerLines(LetterTasks.generate(LetterTasks.Split.TRAIN, READER_LINES, seed + 7), LESSON_SHARE, seed + 8);
  }

  public static void writeReaderLines(Path dir, long seed) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("teach-teacher-reader.jsonl"), readerLines(seed).stream().map(TeachingProtocol.TrainingLine::toJson)
        .toList());
  }

  /** Tasks the pipeline job runs as sessions. */
  public static final int PIPELINE_TASKS = 64;
  /** Held-out tasks the pipeline job measures the teachers on. */
  public static final int PIPELINE_HELD_OUT = 100;

  /**
   * The pipeline job's task files, prompt and reference answer per line: {@code teach-tasks.jsonl}
   * (training-split tasks to run as sessions) and {@code teach-heldout.jsonl} (held-out tasks).
   */
  public static void writeTaskFiles(Path dir, long seed) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("teach-tasks.jsonl"), taskLines(LetterTasks.generate(LetterTasks.Split.TRAIN, PIPELINE_TASKS, seed + 100)));
    Files.write(dir.resolve("teach-heldout.jsonl"),
        taskLines(LetterTasks.generate(LetterTasks.Split.HELD_OUT, PIPELINE_HELD_OUT, seed + 101)));
  }

  private static List<String> taskLines(List<LetterTasks.Task> tasks) {
    return tasks.stream().map(t -> jakarta.json.Json.createObjectBuilder().add("prompt", t.question()).add("answer", t.answer()).build()
        .toString()).toList();
  }
}
