package ai.atlas.batch.gepa;

import static ai.atlas.core.application.jobs.JobParameter.choice;
import static ai.atlas.core.application.jobs.JobParameter.integer;
import static ai.atlas.core.application.jobs.JobParameter.list;
import static ai.atlas.core.application.jobs.JobParameter.number;
import static ai.atlas.core.application.jobs.JobParameter.requiredText;
import static ai.atlas.core.application.jobs.JobParameter.text;

import ai.atlas.core.application.jobs.JobSchema;
import java.util.List;

/**
 * The gepa job's parameters, declared once (see {@link ai.atlas.batch.grpo.GrpoJob}). A request
 * gives {@code templates} as a JSON array; the job receives them joined by commas.
 */
public final class GepaJob {

  public static final JobSchema SCHEMA = new JobSchema("gepa",
      "Evolve a profile's prompt templates on tasks of a dataset or the approved sessions", List.of(
          requiredText("profile", "the profile whose templates evolve"),
          list("templates", "the template names to evolve, e.g. [\"teacher.validation\"]"),
          choice("source", "dataset", List.of("dataset", "sessions"), "the tasks: a dataset, or the approved sessions"),
          text("dataset", null, "a JSONL task file of the datasets folder (source dataset)"),
          text("validationDataset", null, "a task file to validate on (else a share of the dataset)"),
          number("validationShare", 0.5, 0.001, 0.999, "the share of the tasks held out for validation"),
          integer("budget", 100, 1, 1_000_000, "sessions the search may run"),
          integer("minibatchSize", 3, 1, 1000, "tasks per reflection"),
          choice("selection", "pareto", List.of("pareto", "current_best", "epsilon_greedy"), "which candidate to mutate"),
          number("epsilon", 0.1, 0, 1, "epsilon_greedy's exploration share"),
          integer("mergeEvery", 0, 0, 1_000_000, "merge two candidates every this many iterations (0: never)"),
          integer("seed", 0, 0, Long.MAX_VALUE, "the search's seed"),
          integer("timeoutSeconds", 300, 1, 86_400, "the longest one session may run"),
          text("reflectionProfile", null, "the profile whose teacher reflects (else the profile's own)")));

  private GepaJob() {}
}
