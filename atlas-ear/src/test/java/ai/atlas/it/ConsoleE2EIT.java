package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web console end to end, in a real headless Chromium (Debian's chromium, driven by
 * playwright-core from src/test/e2e) against the server under test: sign-in, running and reviewing
 * sessions, the review queue, starting a training job and watching it finish with its chart, the
 * learning charts, a viewer's restricted view. Screenshots land in target/e2e-screenshots. Skipped
 * where no Chromium or no installed playwright-core is found (.ci/run installs both).
 */
class ConsoleE2EIT {

  private static final Path E2E = Path.of("src/test/e2e");
  private static final List<String> CHROMIUMS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  private static String chromium() {
    String given = System.getenv("CHROMIUM");
    if (given != null && Files.isExecutable(Path.of(given))) {
      return given;
    }
    return CHROMIUMS.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
  }

  @Test
  void theConsoleWorksInARealBrowser() throws IOException, InterruptedException {
    String chromium = chromium();
    assumeTrue(chromium != null, "no Chromium found (install Debian's chromium package, or set CHROMIUM)");
    assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
        "playwright-core is not installed in " + E2E + " (npm was not found when the build ran npm ci)");

    String run = Long.toString(System.currentTimeMillis());
    String dataset = "e2e-sft-" + run + ".jsonl";
    Path datasets = Files.createDirectories(Server.serverDir().resolve("datasets"));
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      lines.append("{\"prompt\": \"What is ").append(i).append(" + ").append(i + 1).append("?\", \"completion\": \"")
          .append(2 * i + 1).append("\"}\n");
    }
    Files.writeString(datasets.resolve(dataset), lines);
    // tasks whose references no answer matches: the pipeline job runs them and stops at its review
    String pipelineTasks = "e2e-pipeline-" + run + ".jsonl";
    Files.writeString(datasets.resolve(pipelineTasks), "{\"prompt\": \"What is letter 2 of a, b, c, d, e, f, g, h?\", \"answer\": \"#\"}\n");

    Path screenshots = Path.of("target/e2e-screenshots").toAbsolutePath();
    Path log = Path.of("target/e2e-console.log").toAbsolutePath();
    ProcessBuilder node = new ProcessBuilder("node", "console.e2e.mjs").directory(E2E.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    node.environment().put("ATLAS_URL", Server.baseUrl());
    node.environment().put("ATLAS_ADMIN_PASSWORD", Files.readString(Server.serverDir().resolve("initial-admin-password")).strip());
    node.environment().put("CHROMIUM", chromium);
    node.environment().put("SCREENSHOTS", screenshots.toString());
    node.environment().put("E2E_DATASET", dataset);
    node.environment().put("E2E_RUN", run);
    node.environment().put("E2E_PIPELINE_TASKS", pipelineTasks);
    Process process = node.start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("the e2e run did not finish in 10 minutes:\n" + output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("console e2e: all passed");
    for (String page : List.of("session-trace.png", "review-queue.png", "sessions.png", "job-execution.png", "jobs.png", "learning.png")) {
      assertThat(screenshots.resolve(page)).isNotEmptyFile();
    }
  }
}
