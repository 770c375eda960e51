package ai.atlas.cli;

import jakarta.json.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;

/**
 * Follows a job execution until it ends: a progress line per new training step (with its loss,
 * and for GRPO its reward and KL) or per status change, then the outcome. Answers the exit code:
 * 0 when the job completed, 1 otherwise.
 */
final class JobFollower {

  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

  private JobFollower() {}

  static int follow(AtlasClient client, long executionId, long totalSteps, PrintWriter out, boolean json) {
    String lastStatus = "";
    int lastStep = -1;
    Set<String> stagesShown = new java.util.HashSet<>();
    while (true) {
      JsonObject execution = client.get("/api/jobs/" + executionId).asJsonObject();
      String status = execution.getString("batchStatus");
      if (!json && execution.get("result") instanceof JsonObject result && result.get("stages") instanceof JsonObject stages) {
        // a job of stages (the pipeline) reports each as it ends, and again when it changes
        stages.forEach((name, value) -> {
          if (stagesShown.add(name + "=" + value)) {
            out.println("  " + name + ": " + value);
          }
        });
      }
      if (execution.get("lastTrainingStep") instanceof JsonObject step && step.getInt("step") != lastStep) {
        lastStep = step.getInt("step");
        out.println(json ? step.toString() : progress(step, totalSteps));
        out.flush();
      } else if (!status.equals(lastStatus) && !json) {
        out.println(Output.text(execution, "jobName") + " execution " + executionId + ": " + status);
        out.flush();
      }
      lastStatus = status;
      if (ENDED.contains(status)) {
        if (!json) {
          out.println(Output.text(execution, "jobName") + " execution " + executionId + " " + status + ": "
              + Output.text(execution, "exitStatus"));
        }
        out.flush();
        return status.equals("COMPLETED") ? ExitCodes.OK : ExitCodes.FAILED;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(ExitCodes.FAILED, "interrupted; the job goes on: atlas jobs status " + executionId);
      }
    }
  }

  /** {@code [#####     ] step 12/40 loss 0.1234 reward 0.500 kl 0.0100}. */
  static String progress(JsonObject step, long totalSteps) {
    int done = step.getInt("step") + 1;
    StringBuilder line = new StringBuilder();
    if (totalSteps > 0) {
      int width = 20;
      int filled = (int) Math.min(width, Math.round(width * done / (double) totalSteps));
      line.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
      line.append("step ").append(done).append('/').append(totalSteps);
    } else {
      line.append("step ").append(done);
    }
    line.append(String.format(Locale.ROOT, " loss %.4f", step.getJsonNumber("loss").doubleValue()));
    if (step.get("grpo") instanceof JsonObject grpo) {
      line.append(String.format(Locale.ROOT, " reward %.3f kl %.4f", grpo.getJsonNumber("rewardMean").doubleValue(),
          grpo.getJsonNumber("kl").doubleValue()));
    }
    return line.toString();
  }
}
