package ai.atlas.model.demo;

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
}
