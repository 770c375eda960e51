package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.cli.Atlas;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code atlas} command against the running server, its error paths included. */
class CliIT {

  @TempDir Path dir;

  /** What one run of the command printed and exited with. */
  record Result(int exit, String out, String err) {}

  private Result atlas(String... args) {
    CommandLine line = Atlas.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int exit = line.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private String password() throws Exception {
    return Files.readString(Server.serverDir().resolve("initial-admin-password")).strip();
  }

  /** The admin's connection options, with a configuration file of this test's own. */
  private List<String> as(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--server", Server.baseUrl(), "--user", "admin", "--password", password(),
        "--config", dir.resolve("none.properties").toString()));
    all.addAll(List.of(args));
    return all;
  }

  private Result admin(String... args) throws Exception {
    return atlas(as(args).toArray(String[]::new));
  }

  @Test
  void initSavesAWorkingConfigurationAndVerifyChecksEveryPart() throws Exception {
    Path config = dir.resolve("cli.properties");
    Result init = atlas("env", "init", "--server", Server.baseUrl(), "--user", "admin", "--password", password(), "--config",
        config.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(init.out()).contains("signed in to").contains("admin");
    assertThat(Files.readString(config)).contains("server=").contains("user=admin");

    String profile = "cli-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    for (int run = 0; run < 2; run++) { // running it again is safe
      Result agent = atlas("env", "init", "--server", Server.baseUrl(), "--user", "admin", "--password", password(), "--config",
          config.toString(), "--profile", profile, "--agent-local", "models/demo-arithmetic");
      assertThat(agent.exit()).as(agent.out() + agent.err()).isZero();
      assertThat(agent.out()).contains("wrote profile " + profile).contains("ok    the agent answered the check session");
    }
    assertThat(Server.get("/api/profiles/" + profile).body()).contains("\"type\":\"local\"");
    Result two = atlas("env", "init", "--config", config.toString(), "--agent-local", "x", "--agent-http", "http://a");
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).contains("give one agent");

    Result verify = atlas("env", "verify", "--config", config.toString());
    assertThat(verify.out()).contains("ok    server").contains("ok    database").contains("ok    plugin atlas-local-model: loaded");
    // other tests leave a broken JAR in the plugins folder: verify must name it and exit 1, else say all is well
    boolean broken = Server.jsonArray(Server.get("/api/plugins")).stream().anyMatch(p -> !p.getString("state").equals("loaded"));
    assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(broken ? 1 : 0);
    assertThat(verify.out()).contains(broken ? "FAIL  plugin" : "everything answers");
    assertThat(atlas("profiles", "--config", config.toString()).out()).contains("demo-local");
    assertThat(atlas("plugins", "--config", config.toString()).out()).contains("atlas-local-model").contains("loaded");
  }

  @Test
  void runFollowsTheSessionAndPrintsItsOutcome() throws Exception {
    Result run = admin("run", "Ann has 3 apples and gets 4 more. How many apples does Ann have now?", "--profile", "demo-arithmetic",
        "--reference", "7");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("session \\d+: Ann has 3 apples").contains("triage").contains("session.finished")
        .containsPattern("session \\d+ succeeded in lane auto, reward");

    Path tasks = Files.writeString(dir.resolve("tasks.jsonl"), "{\"task\": \"Ben has 2 pears and gets 2 more. How many pears now?\","
        + " \"reference\": \"4\"}\n");
    Result json = admin("run", "--file", tasks.toString(), "--profile", "demo-arithmetic", "--json");
    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(json.out().strip()).startsWith("{").contains("\"status\":\"succeeded\"");
  }

  /** The README's quick start: the student's first answer, the teacher's guidance and the answer given with it, line by line. */
  @Test
  void runOfTheEmbeddedPairShowsTheFirstAnswerTheGuidanceAndTheCorrectedAnswer() throws Exception {
    Result run = admin("run", "What is letter 7 of w, e, d, v, t, u, o, i?", "--profile", "demo-local", "--reference", "o");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).as(run.out())
        .containsPattern("student\\.call purpose=answer attempt=1 answer=\\S+")
        .contains("validation attempt=1 valid=false guidance=w1 e2 d3 v4 t5 u6 o7")
        .contains("student.call purpose=answer attempt=2 guidance=w1 e2 d3 v4 t5 u6 o7 answer=o")
        .contains("judgement judge=exact score=1.0000")
        // the learner's lesson for place 7 (kept once per learning key: an earlier run of this task may have taught it)
        .containsPattern("playbook\\.learned kept=[01] learned=\\[(\"student, keyword 7: [^\"]*letter 7[^\"]*\")?]")
        .containsPattern("session \\d+ needs_review in lane paired, reward 1\\.0000: o");
  }

  @Test
  void reviewExportAndJobsWorkFromTheTerminal() throws Exception {
    long id = Server.importSession(Server.marker() + " cli review");
    assertThat(admin("review", "list", "--status", "pending", "--size", "5").out()).contains("ID").contains("in all");
    Result approve = admin("review", "approve", Long.toString(id), "--note", "fine");
    assertThat(approve.exit()).as(approve.err()).isZero();
    assertThat(approve.out()).isEqualTo("session " + id + " is approved" + System.lineSeparator());
    assertThat(admin("review", "show", Long.toString(id)).out()).contains("\"id\": " + id).contains("fine");
    assertThat(admin("review", "quarantine", Long.toString(id)).out()).contains("is quarantined");

    Path output = dir.resolve("out").resolve("traces.jsonl");
    Result export = admin("export", "--include-status", "any", "--format", "trl", "--output", output.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    long lines = Files.readAllLines(output).size();
    assertThat(export.out()).contains("exported " + lines + " lines to");
    assertThat(lines).isPositive();
    assertThat(Files.exists(dir.resolve("out").resolve("traces.jsonl.partial"))).isFalse();

    long execution = Server.json(Server.postJson("/api/jobs/export", "{\"output\":\"cli/" + Server.marker() + ".jsonl\"}"))
        .getJsonNumber("executionId").longValue();
    Server.awaitJobEnd(execution, java.time.Duration.ofSeconds(90));
    assertThat(admin("jobs", "list", "--name", "export").out()).contains("EXECUTION").contains(Long.toString(execution));
    Result status = admin("jobs", "status", Long.toString(execution));
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("export execution " + execution + ": COMPLETED").contains("step write-jsonl");
    Result restart = admin("jobs", "restart", Long.toString(execution));
    assertThat(restart.exit()).isEqualTo(6);
    assertThat(restart.err()).startsWith("atlas: ").contains("cannot be restarted");
  }

  @Test
  void trainStartsAJobAndFollowsItWithAProgressBarAndItsMetrics() throws Exception {
    String dataset = "cli-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".jsonl";
    Files.createDirectories(Server.serverDir().resolve("datasets"));
    Files.write(Server.serverDir().resolve("datasets").resolve(dataset), List.of(
        "{\"prompt\": \"Ann has 3 apples and gets 4 more. How many apples does Ann have now?\", \"answer\": \"7\"}",
        "{\"prompt\": \"Ben has 9 pears and gives away 2. How many pears are left?\", \"answer\": \"7\"}"));
    Result train = admin("train", "grpo", "--dataset", dataset, "--base", "demo-arithmetic", "--output", "cli-grpo-" + dataset,
        "--set", "maxSteps=2", "--set", "promptsPerStep=1", "--set", "numGenerations=2", "--set", "maxCompletionLength=4",
        "--set", "learningRate=1e-4", "--set", "maskTruncated=false");
    assertThat(train.exit()).as(train.out() + train.err()).isZero();
    assertThat(train.out()).containsPattern("grpo started as execution \\d+").contains("step 2/2 loss").contains("reward")
        .contains("] step").containsPattern("grpo execution \\d+ COMPLETED: 2 steps");

    // a longer run, detached, stopped from the terminal and restarted
    Result detachedTrain = admin("train", "grpo", "--dataset", dataset, "--base", "demo-arithmetic", "--output", "cli-stop-" + dataset,
        "--set", "maxSteps=400", "--set", "epochs=200", "--set", "promptsPerStep=1", "--set", "numGenerations=2",
        "--set", "maxCompletionLength=4", "--detach"); // two lines a epoch: without more epochs a restart would finish at once
    assertThat(detachedTrain.exit()).as(detachedTrain.err()).isZero();
    String running = detachedTrain.out().replaceAll("(?s).*execution (\\d+).*", "$1").strip();
    Result stop = admin("jobs", "stop", running);
    assertThat(stop.exit()).as(stop.err()).isZero();
    assertThat(stop.out()).startsWith("execution " + running + ": ").containsPattern("STOPP|STARTED|STARTING");
    awaitEnd(running);
    Result stopped = admin("jobs", "status", running);
    assertThat(stopped.out()).contains("grpo execution " + running + ": STOPPED");
    Result restarted = admin("jobs", "restart", running);
    assertThat(restarted.exit()).as(restarted.err()).isZero();
    String again = restarted.out().replaceAll("(?s).*execution (\\d+).*", "$1").strip();
    assertThat(admin("jobs", "stop", again).exit()).isZero();
    awaitEnd(again);

    Result refused = admin("train", "sft", "--dataset", "no-such.jsonl", "--base", "demo-arithmetic", "--output", "x");
    assertThat(refused.exit()).isEqualTo(6);
    assertThat(refused.err()).contains("'dataset' names no file");

    Result detached = admin("jobs", "start", "export", "--set", "output=cli/" + Server.marker() + ".jsonl", "--detach");
    assertThat(detached.exit()).as(detached.err()).isZero();
    String id = detached.out().replaceAll("(?s).*execution (\\d+).*", "$1");
    Result followed = admin("jobs", "follow", id);
    assertThat(followed.exit()).isZero();
    assertThat(followed.out()).contains("export execution " + id + " COMPLETED");

    Result log = admin("jobs", "logs", id);
    assertThat(log.exit()).as(log.err()).isZero();
    assertThat(log.out()).contains("JobExecution id = " + id).contains("CWWKY0009I: Job export started");
    Result tail = admin("jobs", "logs", id, "--follow"); // already ended: prints it all and returns
    assertThat(tail.exit()).isZero();
    assertThat(tail.out()).isEqualTo(log.out());

    Result started = admin("jobs", "start", "export", "--set", "output=cli/" + Server.marker() + ".jsonl", "--detach");
    String next = started.out().replaceAll("(?s).*execution (\\d+).*", "$1");
    Result live = admin("jobs", "logs", next, "--follow"); // from the start to the job's end
    assertThat(live.exit()).as(live.err()).isZero();
    assertThat(live.out()).contains("JobExecution id = " + next).contains("COMPLETED");

    long instance = Server.json(Server.get("/api/jobs/" + next)).getJsonNumber("instanceId").longValue();
    Result purged = admin("jobs", "purge", Long.toString(instance));
    assertThat(purged.exit()).as(purged.err()).isZero();
    assertThat(purged.out()).contains("purged job instance " + instance);
    Result gone = admin("jobs", "logs", next);
    assertThat(gone.exit()).isEqualTo(5);
    assertThat(gone.err()).contains("no job execution with id " + next);
  }

  /** Waits for an execution to end. */
  @Test
  void trainPipelinePrintsEachStageAndEndsWithWhyItStopped() throws Exception {
    String run = "cli-loop-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Files.createDirectories(Server.serverDir().resolve("datasets"));
    Files.write(Server.serverDir().resolve("datasets").resolve(run + ".jsonl"),
        List.of("{\"prompt\": \"What is letter 3 of q, w, e, r, t, y, u, i?\", \"answer\": \"#\"}"));
    String yaml = Files.readString(java.nio.file.Path.of("src/main/liberty/config/profiles/demo-local.yaml"));
    var put = Server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Server.baseUrl() + "/api/profiles/" + run))
        .header("Authorization", Server.admin().authorization()).header("Content-Type", "application/yaml")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(put.statusCode()).as(put.body()).isIn(200, 201);

    Result loop = admin("train", "pipeline", "--profile", run, "--tasks", run + ".jsonl", "--held-out", "teach-heldout.jsonl",
        "--output", run);
    assertThat(loop.exit()).as(loop.out() + loop.err()).isEqualTo(1); // the job failed
    assertThat(loop.out()).containsPattern("pipeline started as execution \\d+").contains("  sessions: {\"ran\":1")
        .contains("  review: {").containsPattern("pipeline execution \\d+ FAILED: profile '" + run
            + "' has no approved sessions to learn from \\(1 sessions, 1 pending review\\)");

    Result refused = admin("train", "pipeline", "--profile", run, "--held-out", "teach-heldout.jsonl", "--output", run,
        "--set", "reward=verifiable");
    assertThat(refused.exit()).isEqualTo(6);
    assertThat(refused.err()).contains("'reward' cannot be set").doesNotContain("\n\tat ");
  }

  private static void awaitEnd(String id) throws InterruptedException {
    Server.awaitJobEnd(Long.parseLong(id), java.time.Duration.ofSeconds(120));
  }

  @Test
  void theLauncherRunsTheCommandsRunnableJar() throws Exception {
    Path launcher = Path.of("..", "atlas-cli", "bin", "atlas").toAbsolutePath().normalize();
    Process process = new ProcessBuilder(launcher.toString(), "--server", Server.baseUrl(), "--user", "admin", "--password",
        password(), "--config", dir.resolve("none").toString(), "profiles").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("demo-local");
    Process completion = new ProcessBuilder(launcher.toString(), "generate-completion").redirectErrorStream(true).start();
    String script = new String(completion.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(completion.waitFor()).isZero();
    assertThat(script).contains("complete -F");
  }

  @Test
  void errorsAreOneLineWithACodeScriptsCanRelyOn() throws Exception {
    Result down = atlas("profiles", "--server", "http://127.0.0.1:1", "--user", "a", "--password", "b", "--config",
        dir.resolve("none").toString());
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err().strip()).startsWith("atlas: cannot reach the server").doesNotContain("\n");

    Result wrong = atlas("profiles", "--server", Server.baseUrl(), "--user", "admin", "--password", "wrong", "--config",
        dir.resolve("none").toString());
    assertThat(wrong.exit()).isEqualTo(4);
    assertThat(wrong.err()).contains("sign in");

    Result unknown = admin("review", "show", "987654321");
    assertThat(unknown.exit()).isEqualTo(5);
    assertThat(unknown.err().strip()).isEqualTo("atlas: no session with id 987654321");

    Result badFlags = admin("run", "a task");
    assertThat(badFlags.exit()).isEqualTo(2);
    assertThat(badFlags.err()).contains("Missing required option: '--profile");

    Result debug = atlas("profiles", "--server", "http://127.0.0.1:1", "--debug", "--config", dir.resolve("none").toString());
    assertThat(debug.err()).contains("ConnectException");

    assertThat(atlas("run", "--help").out()).contains("Examples:").contains("--profile");
    assertThat(atlas("jobs", "--help").out()).contains("status").contains("restart");
  }
}
