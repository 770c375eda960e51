package ai.atlas.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atlas train sft|grpo|pipeline} and {@code atlas jobs start}: start a job with its parameters
 * ({@code --set name=value}, numbers and booleans as such) and follow it to its end with a progress
 * bar and each step's metrics.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Start a training job and follow it with its metrics.",
    footer = {"", "Examples:",
        "  atlas train sft --dataset arithmetic.jsonl --base demo-init --output demo-sft --set batchSize=16",
        "  atlas train grpo --dataset prompts.jsonl --base demo-arithmetic --output demo-grpo --set maxSteps=50 --set partialCredit=0.5"})
final class TrainCommand {

  @Spec CommandSpec spec;

  @Command(name = "sft", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas train sft --dataset arithmetic.jsonl --base demo-init --output demo-sft --set batchSize=16 --set learningRate=3e-3"}, description = "Supervised fine-tuning of a checkpoint of the models folder.")
  int sft(@Option(names = "--dataset", required = true) String dataset, @Option(names = "--base", required = true) String base,
      @Option(names = "--output", required = true) String output, @Option(names = "--set", description = "name=value") Map<String, String> set,
      @Option(names = "--detach", description = "start it and return") boolean detach, @Option(names = "--json") boolean json) {
    return start(spec, "sft", with(set, "dataset", dataset, "base", base, "output", output), detach, json);
  }

  @Command(name = "grpo", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas train grpo --dataset prompts.jsonl --base demo-arithmetic --output demo-grpo --set maxSteps=50"}, description = "GRPO training of a checkpoint on prompts (or --set source=sessions).")
  int grpo(@Option(names = "--dataset") String dataset, @Option(names = "--base", required = true) String base,
      @Option(names = "--output", required = true) String output, @Option(names = "--set", description = "name=value") Map<String, String> set,
      @Option(names = "--detach", description = "start it and return") boolean detach, @Option(names = "--json") boolean json) {
    return start(spec, "grpo", with(set, "dataset", dataset, "base", base, "output", output), detach, json);
  }

  @Command(name = "pipeline", mixinStandardHelpOptions = true, footer = {"", "Example:",
      "  atlas train pipeline --profile demo-local --tasks teach-tasks.jsonl --held-out teach-heldout.jsonl --output teach-teacher-loop"},
      description = "The closed loop on a profile: run the tasks as sessions, approve by rule, export, retrain the profile's teacher"
          + " by GRPO, measure old and new teacher on held-out tasks, switch the profile when the new one is not worse.")
  int pipeline(@Option(names = "--profile", required = true) String profile, @Option(names = "--tasks") String tasks,
      @Option(names = "--held-out", required = true) String heldOut, @Option(names = "--output", required = true) String output,
      @Option(names = "--set", description = "name=value") Map<String, String> set,
      @Option(names = "--detach", description = "start it and return") boolean detach, @Option(names = "--json") boolean json) {
    return start(spec, "pipeline", with(set, "profile", profile, "tasks", tasks, "heldOut", heldOut, "output", output), detach, json);
  }

  private static Map<String, String> with(Map<String, String> set, String... pairs) {
    Map<String, String> all = new LinkedHashMap<>(set == null ? Map.of() : set);
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        all.put(pairs[i], pairs[i + 1]);
      }
    }
    return all;
  }

  /** Starts the job and, unless detached, follows it; the exit code is the job's. */
  static int start(CommandSpec spec, String job, Map<String, String> parameters, boolean detach, boolean json) {
    JsonObjectBuilder body = Json.createObjectBuilder();
    parameters.forEach((name, value) -> {
      if (value.matches("-?\\d+")) {
        body.add(name, Long.parseLong(value));
      } else if (value.matches("-?\\d*\\.\\d+([eE]-?\\d+)?|-?\\d+[eE]-?\\d+")) {
        body.add(name, Double.parseDouble(value));
      } else if (value.equals("true") || value.equals("false")) {
        body.add(name, Boolean.parseBoolean(value));
      } else {
        body.add(name, value);
      }
    });
    AtlasClient client = Atlas.of(spec).client();
    JsonObject started = client.post("/api/jobs/" + job, body.build()).asJsonObject();
    long id = started.getJsonNumber("executionId").longValue();
    PrintWriter out = spec.commandLine().getOut();
    out.println(job + " started as execution " + id);
    out.flush();
    if (detach) {
      return ExitCodes.OK;
    }
    JsonObject params = started.getJsonObject("parameters");
    long total = params != null && params.containsKey("totalSteps") ? Long.parseLong(params.getString("totalSteps")) : 0;
    if (params != null && params.containsKey("maxSteps") && Long.parseLong(params.getString("maxSteps")) > 0) {
      total = Math.min(total == 0 ? Long.MAX_VALUE : total, Long.parseLong(params.getString("maxSteps")));
    }
    return JobFollower.follow(client, id, total, out, json);
  }
}
