package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gepa job end to end on a scripted task: a student agent that answers right only when the
 * teacher's guidance says to multiply, a teacher that says so only when its validation prompt
 * tells it to, and a scripted reflection model that proposes such a prompt. Every evaluation is a
 * real session; the job must find the better prompt within its budget and report the improvement.
 */
class GepaJobIT {

  private static final String AGENT = """
      import java.io.*;
      import java.util.regex.*;
      public class MultiplyAgent {
        public static void main(String[] args) throws Exception {
          BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
          Pattern id = Pattern.compile("\\"id\\":(\\\\d+)");
          String line;
          while ((line = in.readLine()) != null) {
            Matcher i = id.matcher(line); i.find();
            String answer = line.contains("multiply the numbers") ? "42" : "41";
            System.out.println("{\\"id\\":" + i.group(1) + ",\\"answer\\":\\"" + answer + "\\",\\"usage\\":{\\"prompt_tokens\\":4,\\"completion_tokens\\":1}}");
            System.out.flush();
          }
        }
      }
      """;

  private static final String BETTER = """
      You supervise a student. Decide whether the student's answer is correct.
      Task: {{task}}
      {{playbook}}
      Answer: {{answer}}
      When it is wrong, tell the student to multiply.
      Answer with JSON: {"valid": true|false, "guidance": "one concrete hint"}""";

  @TempDir static Path dir;
  private static HttpServer models;
  private static final List<String> reflections = new ArrayList<>();
  /** Reflections refused from this many on (a model outage), until set back to -1. */
  private static final java.util.concurrent.atomic.AtomicInteger refuseFrom = new java.util.concurrent.atomic.AtomicInteger(-1);
  private static String profile;
  private static String dataset;

  @BeforeAll
  static void start() throws IOException {
    models = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    models.createContext("/v1/chat/completions", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String reply;
      if (body.contains("You improve one instruction")) {
        int seen;
        synchronized (reflections) {
          reflections.add(body);
          seen = reflections.size();
        }
        if (refuseFrom.get() >= 0 && seen >= refuseFrom.get()) {
          byte[] refusal = "{\"error\": {\"message\": \"the reflection model is down\"}}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(400, refusal.length);
          exchange.getResponseBody().write(refusal);
          exchange.close();
          return;
        }
        reply = "```\n" + BETTER + "\n```";
      } else if (body.contains("Answer: 42")) {
        reply = "{\"valid\": true}";
      } else if (body.contains("tell the student to multiply")) {
        reply = "{\"valid\": false, \"guidance\": \"multiply the numbers\"}";
      } else {
        reply = "{\"valid\": false, \"guidance\": \"try again\"}";
      }
      StandIns.chatCompletion(exchange, reply, 20, 5);
    });
    models.start();
    Path agent = Files.writeString(dir.resolve("MultiplyAgent.java"), AGENT);
    String java = ProcessHandle.current().info().command().orElse("java");
    profile = "gepa-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml = """
        agent:
          type: process
          settings: {command: "%s %s", timeout-seconds: 60}
        teacher:
          llm: {provider: openai, model: teacher, api_base: "http://127.0.0.1:%d/v1", timeout_seconds: 10}
        orchestration:
          forced_mode: paired
          max_retries: 1
        rim:
          judges:
            - {type: regex, weight: 1.0, settings: {pattern: "^42$"}}
        """.formatted(java, agent, models.getAddress().getPort());
    HttpResponse<String> put = Server.send(HttpRequest.newBuilder(URI.create(Server.baseUrl() + "/api/profiles/" + profile))
        .header("Authorization", Server.admin().authorization()).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    dataset = profile + ".jsonl";
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add(Json.createObjectBuilder().add("prompt", "What is 6 times 7? (case " + i + ")").add("answer", "42").build().toString());
    }
    Files.createDirectories(Server.serverDir().resolve("datasets"));
    Files.write(Server.serverDir().resolve("datasets").resolve(dataset), lines);
  }

  @AfterAll
  static void stop() {
    models.stop(0);
  }

  private static JsonObject waitFor(long id) throws InterruptedException {
    return Server.awaitJobEnd(id, Duration.ofSeconds(240));
  }

  @Test
  void theJobFindsTheBetterPromptWithinItsBudgetAndReportsTheImprovement() throws Exception {
    HttpResponse<String> started = Server.postJson("/api/jobs/gepa", Json.createObjectBuilder().add("profile", profile)
        .add("templates", Json.createArrayBuilder().add("teacher.validation")).add("dataset", dataset).add("budget", 20)
        .add("minibatchSize", 2).add("seed", 3).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = Server.json(started).getJsonNumber("executionId").longValue();

    JsonObject done = waitFor(id);

    assertThat(done.getString("batchStatus")).as(done.toString()).isEqualTo("COMPLETED");
    JsonObject report = done.getJsonObject("result");
    assertThat(report.getBoolean("complete")).isTrue();
    assertThat(report.getJsonNumber("initialScore").doubleValue()).isZero();
    assertThat(report.getJsonNumber("bestScore").doubleValue()).isEqualTo(1.0);
    assertThat(report.getJsonNumber("improvement").doubleValue()).isEqualTo(1.0);
    assertThat(report.getJsonObject("best").getJsonObject("prompts").getString("teacher.validation")).isEqualTo(BETTER);
    assertThat(report.getJsonObject("budget").getInt("spent")).isBetween(8, 20);
    assertThat(report.getJsonArray("paretoFront")).hasSize(1);
    assertThat(report.getJsonArray("iterations").getJsonObject(0).getBoolean("accepted")).isTrue();
    assertThat(done.getString("exitStatus")).startsWith("score 0.0000 -> 1.0000");
    synchronized (reflections) {
      // the reflection model saw the seed template, the wrong answers and the judge's feedback
      assertThat(reflections.get(0)).contains("teacher.validation").contains("Answer: 41").contains("Score: 0.00");
    }

    HttpResponse<String> download = Server.get("/api/jobs/" + id + "/optimized_prompts.json");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("optimized_prompts.json"));
    assertThat(Server.json(download).getJsonNumber("bestScore").doubleValue()).isEqualTo(1.0);

    // the profile adopts the best candidate: its sessions now run with it; rolling back restores the old prompt
    HttpResponse<String> adopted = Server.postJson("/api/profiles/" + profile + "/prompt-versions", "{\"fromJob\": " + id + "}");
    assertThat(adopted.statusCode()).as(adopted.body()).isEqualTo(201);
    assertThat(Server.json(adopted).getInt("version")).isEqualTo(1);
    assertThat(Server.json(adopted).getJsonNumber("score").doubleValue()).isEqualTo(1.0); // the best candidate's validation score
    assertThat(Server.json(adopted).getJsonObject("prompts").getString("teacher.validation")).isEqualTo(BETTER);
    assertThat(answer()).isEqualTo("42");
    HttpResponse<String> rolledBack = Server.postJson("/api/profiles/" + profile + "/prompt-versions/0/activate", "");
    assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
    assertThat(Server.jsonArray(rolledBack)).singleElement().satisfies(v -> assertThat(v.getBoolean("active")).isFalse());
    assertThat(answer()).isEqualTo("41");
    assertThat(Server.postJson("/api/profiles/" + profile + "/prompt-versions/1/activate", "").statusCode()).isEqualTo(200);
    assertThat(answer()).isEqualTo("42");
    LimitsIT.assertProblem(Server.postJson("/api/profiles/" + profile + "/prompt-versions/7/activate", ""), 404, "no prompt version 7");
  }

  private static String answer() {
    HttpResponse<String> session = Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", profile)
        .add("task", "What is 6 times 7? " + Server.marker()).build().toString());
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    return Server.json(session).getString("finalAnswer");
  }

  @Test
  void aRunThatFailedPartWayRestartsWithTheCandidatesItHadEvaluated() throws Exception {
    int before;
    synchronized (reflections) {
      before = reflections.size();
    }
    refuseFrom.set(before + 2); // the second reflection of this run fails
    // start from the profile's own prompt, whatever another test adopted
    assertThat(Server.postJson("/api/profiles/" + profile + "/prompt-versions/0/activate", "").statusCode()).isEqualTo(200);
    HttpResponse<String> started = Server.postJson("/api/jobs/gepa", Json.createObjectBuilder().add("profile", profile)
        .add("templates", Json.createArrayBuilder().add("teacher.validation")).add("dataset", dataset).add("budget", 16)
        .add("minibatchSize", 2).add("seed", 5).build().toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long id = Server.json(started).getJsonNumber("executionId").longValue();
    JsonObject failed = waitFor(id);
    assertThat(failed.getString("batchStatus")).as(failed.toString()).isEqualTo("FAILED");
    JsonObject partial = failed.getJsonObject("result");
    assertThat(partial.getBoolean("complete")).isFalse();
    assertThat(partial.getJsonArray("candidates")).hasSize(2); // the seed and the first accepted child
    long spentBefore = partial.getJsonObject("budget").getJsonNumber("spent").longValue();

    refuseFrom.set(-1);
    HttpResponse<String> restart = Server.postJson("/api/jobs/" + id + "/restart", "");
    assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
    JsonObject done = waitFor(Server.json(restart).getJsonNumber("executionId").longValue());
    assertThat(done.getString("batchStatus")).as(done.toString()).isEqualTo("COMPLETED");
    JsonObject report = done.getJsonObject("result");
    assertThat(report.getJsonArray("candidates").getJsonObject(1).getJsonObject("prompts").getString("teacher.validation"))
        .isEqualTo(BETTER);
    assertThat(report.getJsonArray("iterations").getJsonObject(0).toString())
        .isEqualTo(partial.getJsonArray("iterations").getJsonObject(0).toString());
    long spent = report.getJsonObject("budget").getJsonNumber("spent").longValue();
    assertThat(spent).isGreaterThan(spentBefore).isLessThanOrEqualTo(16);
    assertThat(report.getJsonNumber("bestScore").doubleValue()).isEqualTo(1.0);
  }

  @Test
  void badRequestsAreProblems() {
    LimitsIT.assertProblem(Server.postJson("/api/jobs/gepa", "{\"profile\": \"" + profile + "\", \"dataset\": \"" + dataset + "\"}"),
        400, "'templates' must name at least one prompt template");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/gepa", "{\"profile\": \"" + profile + "\", \"dataset\": \"" + dataset
        + "\", \"templates\": [\"teacher.nonsense\"]}"), 400, "no prompt template named 'teacher.nonsense'");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/gepa", "{\"profile\": \"" + profile + "\", \"dataset\": \"" + dataset
        + "\", \"templates\": [\"teacher.validation\"], \"selection\": \"random\"}"), 400, "'selection' must be pareto");
    LimitsIT.assertProblem(Server.postJson("/api/jobs/gepa", "{\"profile\": \"no-such-profile\", \"dataset\": \"" + dataset
        + "\", \"templates\": [\"teacher.validation\"]}"), 404, "no-such-profile");
  }
}
