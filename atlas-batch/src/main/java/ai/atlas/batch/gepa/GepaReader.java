package ai.atlas.batch.gepa;

import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.gepa.Budget;
import ai.atlas.core.gepa.CandidatePool;
import ai.atlas.core.gepa.ChatReflector;
import ai.atlas.core.gepa.GepaOptimizer;
import ai.atlas.core.gepa.GepaReport;
import ai.atlas.core.gepa.GepaTask;
import ai.atlas.core.plugins.ProfileComponents;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.runtime.SessionRuntime;
import ai.atlas.core.sessions.SessionService;
import ai.atlas.model.grpo.GrpoDataset;
import ai.atlas.model.grpo.GrpoPrompt;
import ai.atlas.spi.ChatModel;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Runs the GEPA loop, one iteration per item: on open it sets up the tasks (a dataset split by the
 * seed into training and validation tasks, or two datasets), the runtime evaluator, the reflection
 * model (the teacher of {@code reflectionProfile}, else of the profile) and the optimizer, or
 * resumes from the checkpoint; the first read of a new run scores the seed candidate (the
 * profile's current templates); each read is one iteration, none when the budget cannot pay for another. The checkpoint is the
 * pool, the budget spent and the iterations.
 */
@Named("gepaReader")
@Dependent
public class GepaReader extends AbstractItemReader {

  @Inject @BatchProperty String profile;
  @Inject @BatchProperty String templates;
  @Inject @BatchProperty String dataset;
  @Inject @BatchProperty String validationDataset;
  @Inject @BatchProperty String validationShare;
  @Inject @BatchProperty String budget;
  @Inject @BatchProperty String minibatchSize;
  @Inject @BatchProperty String selection;
  @Inject @BatchProperty String epsilon;
  @Inject @BatchProperty String mergeEvery;
  @Inject @BatchProperty String seed;
  @Inject @BatchProperty String reflectionProfile;
  @Inject @BatchProperty String timeoutSeconds;

  @Inject JobContext job;
  @Inject StepContext step;
  @Inject JobResults results;
  @Inject ProfileComponents components;
  @Inject SessionRuntime runtime;
  @Inject SessionService sessions;

  private GepaRun run;
  private Map<String, String> unscoredSeed;

  /** What the reader and the writer share: the optimizer and the iterations so far. */
  static final class GepaRun {
    final String profile;
    final List<String> templates;
    final GepaOptimizer optimizer;
    final List<GepaOptimizer.Iteration> iterations = new ArrayList<>();

    GepaRun(String profile, List<String> templates, GepaOptimizer optimizer) {
      this.profile = profile;
      this.templates = templates;
      this.optimizer = optimizer;
    }

    String report(boolean complete) {
      return GepaReport.of(profile, templates, optimizer.pool(), iterations, optimizer.budget(), complete).toString();
    }
  }

  @Override
  public void open(Serializable checkpoint) throws IOException {
    // the seed is the profile as it runs now: its own templates with the active prompt version's
    RuntimeProfile runtimeProfile = components.resolve(profile);
    PromptTemplates current = PromptTemplates.withOverrides(runtimeProfile.prompts());
    List<String> evolved = Arrays.stream(templates.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    Map<String, String> seedPrompts = new LinkedHashMap<>();
    evolved.forEach(name -> seedPrompts.put(name, current.get(name).text()));
    List<GepaTask> all = tasks(Path.of(dataset));
    List<GepaTask> train;
    List<GepaTask> validation;
    if (validationDataset != null && !validationDataset.isBlank()) {
      train = all;
      validation = tasks(Path.of(validationDataset));
    } else {
      List<GepaTask> shuffled = new ArrayList<>(all);
      Collections.shuffle(shuffled, new Random(Long.parseLong(seed)));
      int held = (int) Math.max(1, Math.min(shuffled.size() - 1, Math.round(shuffled.size() * Double.parseDouble(validationShare))));
      validation = shuffled.subList(0, held);
      train = shuffled.subList(held, shuffled.size());
    }
    String reflecting = reflectionProfile == null || reflectionProfile.isBlank() ? profile : reflectionProfile;
    RuntimeProfile reflector = reflecting.equals(profile) ? runtimeProfile : components.resolve(reflecting);
    ChatModel reflectionModel = components.chatModel(reflector, reflector.teacher());
    GepaState saved = checkpoint instanceof GepaState state ? state : null;
    Budget spending = new Budget(Long.parseLong(budget), saved == null ? 0 : saved.spent());
    GepaOptimizer optimizer = new GepaOptimizer(new GepaOptimizer.Settings(evolved, Integer.parseInt(minibatchSize),
        CandidatePool.Selection.of(selection), Double.parseDouble(epsilon), Integer.parseInt(mergeEvery), Long.parseLong(seed)),
        train, validation, new RuntimeGepaEvaluator(runtime, sessions, profile, "gepa-" + job.getInstanceId(),
        Long.parseLong(timeoutSeconds)), new ChatReflector(reflectionModel, PromptTemplates.withOverrides(reflector.prompts())),
        spending);
    run = new GepaRun(profile, evolved, optimizer);
    if (saved == null) {
      unscoredSeed = seedPrompts; // scored by the first read, inside a chunk's transaction and its timeout
    } else {
      optimizer.resume(new CandidatePool(saved.candidates()), saved.iterations().size());
      run.iterations.addAll(saved.iterations());
    }
    step.setTransientUserData(run);
  }

  private static List<GepaTask> tasks(Path file) throws IOException {
    List<GepaTask> tasks = new ArrayList<>();
    long number = 0;
    for (String line : Files.readAllLines(file)) {
      number++;
      if (!line.isBlank()) {
        GrpoPrompt prompt = GrpoDataset.parse(line, number);
        tasks.add(new GepaTask(file.getFileName() + ":" + number, prompt.question(), prompt.answer()));
      }
    }
    if (tasks.isEmpty()) {
      throw new InvalidInputException("the dataset " + file.getFileName() + " has no tasks");
    }
    return tasks;
  }

  @Override
  public Object readItem() {
    if (unscoredSeed != null) {
      run.optimizer.start(unscoredSeed);
      unscoredSeed = null;
      results.store(job.getInstanceId(), job.getJobName(), run.report(false));
    }
    Optional<GepaOptimizer.Iteration> next = run.optimizer.step();
    next.ifPresent(run.iterations::add);
    return next.orElse(null);
  }

  @Override
  public Serializable checkpointInfo() {
    return run == null ? null : new GepaState(run.optimizer.pool().all(), run.optimizer.budget().spent(), run.iterations);
  }
}
