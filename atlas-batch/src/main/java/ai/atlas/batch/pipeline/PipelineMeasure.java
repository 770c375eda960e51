package ai.atlas.batch.pipeline;

import ai.atlas.core.plugins.ProfileComponents;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.reward.RewardSystem;
import ai.atlas.core.runtime.Orchestrator;
import ai.atlas.core.runtime.Participants;
import ai.atlas.core.runtime.RunResult;
import ai.atlas.core.runtime.SessionEvents;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the previous teacher ({@code base}) and the new one ({@code output}) on the held-out
 * tasks with the profile's student, templates and judges-free paired lane, as a session would run
 * them but without storing anything: held-out tasks must never become sessions a later loop
 * could approve and train on.
 */
@Named("pipelineMeasure")
@Dependent
public class PipelineMeasure extends AbstractBatchlet {

  @Inject @BatchProperty String profile;
  @Inject @BatchProperty String heldOut;
  @Inject @BatchProperty String maxHeldOut;
  @Inject @BatchProperty String base;
  @Inject @BatchProperty String output;
  @Inject JobContext job;
  @Inject ProfileComponents components;
  @Inject RewardSystem rewards;
  @Inject PipelineReport report;

  private volatile boolean stopping;

  @Override
  public String process() {
    List<TaskFile.Task> tasks = TaskFile.read(Path.of(heldOut), Integer.parseInt(maxHeldOut));
    RuntimeProfile current = components.resolve(profile).withForcedLane(Lane.PAIRED);
    HeldOutTable previous = measure(current.withTeacher(teacherAt(current, base)), tasks);
    HeldOutTable next = measure(current.withTeacher(teacherAt(current, output)), tasks);
    if (stopping) {
      return "STOPPED";
    }
    report.stage(job, "measure", Json.createObjectBuilder().add("heldOut", Path.of(heldOut).getFileName().toString())
        .add("previous", previous.toJson(Path.of(base).getFileName().toString()))
        .add("new", next.toJson(Path.of(output).getFileName().toString())).build());
    return String.format(Locale.ROOT, "alone %.1f%%, previous teacher %.1f%%, new teacher %.1f%% on %d held-out tasks",
        100 * previous.aloneAccuracy(), 100 * previous.accuracy(), 100 * next.accuracy(), tasks.size());
  }

  /** The profile's teacher component with its checkpoint path replaced. */
  static RuntimeProfile.Component teacherAt(RuntimeProfile profile, String path) {
    Map<String, String> settings = new HashMap<>(profile.teacher().settings());
    settings.put("path", path);
    return new RuntimeProfile.Component(profile.teacher().type(), Map.copyOf(settings));
  }

  private HeldOutTable measure(RuntimeProfile runtime, List<TaskFile.Task> tasks) {
    HeldOutTable table = new HeldOutTable();
    try (Participants participants = Participants.open(runtime, components, rewards)) {
      Orchestrator orchestrator = participants.orchestrator(runtime, PromptTemplates.withOverrides(runtime.prompts()),
          Orchestrator.Pricing.NONE);
      for (TaskFile.Task task : tasks) {
        if (stopping) {
          break;
        }
        RunResult run = orchestrator.run(task.task(), List.of(), List.of(), SessionEvents.NONE);
        table.add(run, task.reference());
      }
    }
    return table;
  }

  @Override
  public void stop() {
    stopping = true;
  }
}
