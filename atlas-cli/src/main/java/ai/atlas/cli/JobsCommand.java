package ai.atlas.cli;

import jakarta.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas jobs list|status|start|follow|logs|stop|restart|purge}: the batch jobs from a terminal. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List, start, follow, stop, restart and purge batch jobs; read their logs.",
    footer = {"", "Examples:", "  atlas jobs list --name grpo", "  atlas jobs start export --set output=all.jsonl --set reviewStatus=any",
        "  atlas jobs status 12", "  atlas jobs logs 12 --follow", "  atlas jobs restart 12", "  atlas jobs purge 9"})
final class JobsCommand {

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas jobs list --name sft --size 5"}, description = "Job instances, newest first, with their executions.")
  int list(@Option(names = "--name", description = "only this job's: export, reward-eval, sft, grpo, gepa") String name,
      @Option(names = "--size", defaultValue = "20", description = "how many (default ${DEFAULT-VALUE})") int size) {
    JsonObject page = Atlas.of(spec).client().get("/api/jobs?size=" + size + (name == null ? "" : "&name=" + ReviewCommand.encode(name)))
        .asJsonObject();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-10s %-12s %-10s %-11s %s%n", "INSTANCE", "JOB", "EXECUTION", "STATUS", "EXIT STATUS");
    for (JsonObject instance : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
      for (JsonObject e : instance.getJsonArray("executions").getValuesAs(JsonObject.class)) {
        out.printf("%-10s %-12s %-10s %-11s %s%n", Output.text(instance, "instanceId"), Output.text(instance, "jobName"),
            Output.text(e, "executionId"), Output.text(e, "batchStatus"), Output.cut(Output.text(e, "exitStatus"), 60));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  @Command(name = "status", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas jobs status 12 --json"}, description = "An execution: status, steps, result, latest training step.")
  int status(@Parameters(paramLabel = "EXECUTION") long id, @Option(names = "--json") boolean json) {
    JsonObject execution = Atlas.of(spec).client().get("/api/jobs/" + id).asJsonObject();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(execution);
    } else {
      out.println(Output.text(execution, "jobName") + " execution " + id + ": " + Output.text(execution, "batchStatus")
          + " (" + Output.text(execution, "exitStatus") + ")");
      for (JsonObject step : execution.getJsonArray("steps").getValuesAs(JsonObject.class)) {
        out.println("  step " + Output.text(step, "name") + ": " + Output.text(step, "batchStatus") + " " + step.getJsonObject("metrics"));
      }
      if (execution.get("lastTrainingStep") instanceof JsonObject last) {
        out.println("  latest training step: " + last);
      }
      if (execution.containsKey("result")) {
        out.println("  result: " + Output.cut(execution.get("result").toString(), 400));
      }
    }
    out.flush();
    String status = execution.getString("batchStatus");
    return status.equals("FAILED") || status.equals("ABANDONED") ? ExitCodes.FAILED : ExitCodes.OK;
  }

  @Command(name = "start", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas jobs start reward-eval --set dataset=prefs.jsonl --set profile=support"}, description = "Start a job (export, reward-eval, sft, grpo, gepa) and follow it.")
  int start(@Parameters(paramLabel = "JOB") String job, @Option(names = "--set", description = "name=value") Map<String, String> set,
      @Option(names = "--detach", description = "start it and return") boolean detach, @Option(names = "--json") boolean json) {
    return TrainCommand.start(spec, job, set == null ? Map.of() : set, detach, json);
  }

  @Command(name = "follow", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas jobs follow 12"}, description = "Follow an execution to its end, with its training metrics.")
  int follow(@Parameters(paramLabel = "EXECUTION") long id, @Option(names = "--json") boolean json) {
    return JobFollower.follow(Atlas.of(spec).client(), id, 0, spec.commandLine().getOut(), json);
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas jobs stop 12"}, description = "Ask a running execution to stop.")
  int stop(@Parameters(paramLabel = "EXECUTION") long id) {
    JsonObject execution = Atlas.of(spec).client().post("/api/jobs/" + id + "/stop", null).asJsonObject();
    spec.commandLine().getOut().println("execution " + id + ": " + Output.text(execution, "batchStatus"));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** How often {@code logs --follow} asks again. */
  static final long FOLLOW_POLL_MS = 1000;

  @Command(name = "logs", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas jobs logs 12 --follow"},
      description = "An execution's job log; with --follow, what it adds until the execution ends.")
  int logs(@Parameters(paramLabel = "EXECUTION") long id,
      @Option(names = {"-f", "--follow"}, description = "keep printing new lines until the execution ends") boolean follow)
      throws InterruptedException {
    AtlasClient client = Atlas.of(spec).client();
    PrintWriter out = spec.commandLine().getOut();
    int printed = 0;
    while (true) {
      // read the status first: a log read after it holds everything written up to that status
      String status = follow ? client.get("/api/jobs/" + id).asJsonObject().getString("batchStatus") : "";
      String log = logOf(client, id, follow);
      if (log.length() > printed) {
        out.print(log.substring(printed));
        out.flush();
        printed = log.length();
      }
      if (!follow || !List.of("STARTING", "STARTED", "STOPPING").contains(status)) {
        return ExitCodes.OK;
      }
      Thread.sleep(FOLLOW_POLL_MS);
    }
  }

  /** The log so far; while following, a log not written yet is empty rather than an error. */
  private static String logOf(AtlasClient client, long id, boolean follow) {
    try {
      return client.text("/api/jobs/" + id + "/log");
    } catch (CliFailure e) {
      if (follow && e.exitCode() == ExitCodes.NOT_FOUND && e.getMessage().contains("has no log")) {
        return "";
      }
      throw e;
    }
  }

  @Command(name = "purge", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas jobs purge 9"},
      description = "Delete a finished job instance: its executions, result, metrics and logs (the models it wrote stay).")
  int purge(@Parameters(paramLabel = "INSTANCE") long instance) {
    Atlas.of(spec).client().delete("/api/jobs/instances/" + instance);
    spec.commandLine().getOut().println("purged job instance " + instance);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  @Command(name = "restart", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas jobs restart 12"}, description = "Restart a stopped or failed execution where it stopped.")
  int restart(@Parameters(paramLabel = "EXECUTION") long id) {
    JsonObject execution = Atlas.of(spec).client().post("/api/jobs/" + id + "/restart", null).asJsonObject();
    spec.commandLine().getOut().println("restarted as execution " + Output.text(execution, "executionId"));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
