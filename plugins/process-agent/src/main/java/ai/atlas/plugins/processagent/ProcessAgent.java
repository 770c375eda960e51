package ai.atlas.plugins.processagent;

import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentStep;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.TokenUsage;
import ai.atlas.spi.ToolCall;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One long-lived child process, one task at a time. Each request is a line
 * {@code {"id": n, "task": ..., "guidance": ..., "playbook": [...], "metadata": {...}}}, with
 * {@code "max_tokens": n} when the profile caps this call's answer; the
 * answer is the next line on stdout with the same id:
 * {@code {"id": n, "answer": "...", "steps": [{"description": ..., "output": ..., "tool_calls": [..]}],
 * "tool_calls": [{"id": .., "name": .., "arguments": .., "result": .., "succeeded": true}],
 * "usage": {"prompt_tokens": .., "completion_tokens": ..}}} or {@code {"id": n, "error": "..."}}.
 * Other lines on stdout are skipped; stderr goes to the server log. A process that dies is started
 * again for the next task; one that does not answer in time is killed (and started again later).
 */
final class ProcessAgent implements AgentAdapter {

  private static final Logger LOG = Logger.getLogger(ProcessAgent.class.getName());

  private final List<String> command;
  private final Path workingDir;
  private final Duration timeout;
  private Process process;
  private OutputStream stdin;
  private BlockingQueue<String> stdout;
  private long nextId = 1;
  private int starts;

  ProcessAgent(List<String> command, Path workingDir, Duration timeout) {
    this.command = List.copyOf(command);
    this.workingDir = workingDir;
    this.timeout = timeout;
  }

  @Override
  public synchronized AgentAnswer run(AgentTask task) {
    ensureRunning();
    long id = nextId++;
    try {
      stdin.write((request(id, task) + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      kill();
      throw new PluginException("the agent process " + command.get(0) + " stopped reading its input: " + e.getMessage(), true, e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line;
      try {
        line = stdout.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PluginException("interrupted while waiting for the agent process", true, e);
      }
      if (line == null) {
        kill();
        throw new PluginException("the agent process did not answer within " + timeout.toSeconds() + " s; it was stopped", true, null);
      }
      if (line == EOF) {
        int exit = process.exitValue();
        process = null;
        throw new PluginException("the agent process exited with code " + exit + " before answering; it starts again with the next task", true, null);
      }
      JsonObject answer = parse(line);
      if (answer == null || !(answer.get("id") instanceof JsonNumber n) || n.longValue() != id) {
        continue; // log output or an answer to an earlier, abandoned request
      }
      return answer(answer);
    }
  }

  /** How many times the process was started: once, plus once per restart. */
  synchronized int starts() {
    return starts;
  }

  @Override
  public synchronized void close() {
    kill();
  }

  private static final String EOF = new String("<end of output>");

  private void ensureRunning() {
    if (process != null && process.isAlive()) {
      return;
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workingDir != null) {
      builder.directory(workingDir.toFile());
    }
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PluginException("cannot start the agent process " + command + ": " + e.getMessage());
    }
    starts++;
    stdin = process.getOutputStream();
    BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
    stdout = lines;
    Process started = process;
    Thread reader = new Thread(() -> pump(started, lines), "process-agent-stdout");
    reader.setDaemon(true);
    reader.start();
    Thread errors = new Thread(() -> started.errorReader(StandardCharsets.UTF_8).lines()
        .forEach(l -> LOG.info(() -> command.get(0) + ": " + l)), "process-agent-stderr");
    errors.setDaemon(true);
    errors.start();
  }

  private static void pump(Process process, BlockingQueue<String> lines) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.put(line);
      }
    } catch (IOException | InterruptedException e) {
      // the process went away
    }
    try {
      process.waitFor();
      lines.put(EOF);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void kill() {
    if (process != null) {
      process.destroyForcibly();
      process = null;
    }
  }

  static String request(long id, AgentTask task) {
    JsonArrayBuilder playbook = Json.createArrayBuilder();
    task.playbook().forEach(playbook::add);
    JsonObjectBuilder metadata = Json.createObjectBuilder();
    task.metadata().forEach(metadata::add);
    JsonObjectBuilder request = Json.createObjectBuilder().add("id", id).add("task", task.task());
    if (task.guidance() == null) {
      request.addNull("guidance");
    } else {
      request.add("guidance", task.guidance());
    }
    if (task.maxTokens() != null) {
      request.add("max_tokens", task.maxTokens());
    }
    return request.add("playbook", playbook).add("metadata", metadata).build().toString();
  }

  private static JsonObject parse(String line) {
    try (var reader = Json.createReader(new StringReader(line))) {
      JsonValue value = reader.readValue();
      return value instanceof JsonObject object ? object : null;
    } catch (JsonException e) {
      return null;
    }
  }

  private static AgentAnswer answer(JsonObject json) {
    if (json.get("error") instanceof JsonString error) {
      throw new PluginException("the agent process reported: " + error.getString());
    }
    List<AgentStep> steps = new ArrayList<>();
    if (json.get("steps") instanceof jakarta.json.JsonArray array) {
      for (JsonValue step : array) {
        if (step instanceof JsonObject s) {
          steps.add(new AgentStep(s.getString("description", ""), s.getString("output", ""), toolCalls(s)));
        }
      }
    }
    TokenUsage usage = TokenUsage.ZERO;
    if (json.get("usage") instanceof JsonObject u) {
      usage = new TokenUsage(u.getJsonNumber("prompt_tokens") == null ? 0 : u.getJsonNumber("prompt_tokens").longValue(),
          u.getJsonNumber("completion_tokens") == null ? 0 : u.getJsonNumber("completion_tokens").longValue());
    }
    return new AgentAnswer(json.getString("answer", ""), steps, toolCalls(json), usage, Map.of());
  }

  /** {@code "tool_calls": [{"id", "name", "arguments", "result", "succeeded"}]}; entries without a name are skipped. */
  private static List<ToolCall> toolCalls(JsonObject json) {
    List<ToolCall> calls = new ArrayList<>();
    if (json.get("tool_calls") instanceof jakarta.json.JsonArray array) {
      for (JsonValue value : array) {
        if (value instanceof JsonObject call && call.get("name") instanceof JsonString name) {
          JsonValue arguments = call.get("arguments");
          String argumentsText = arguments instanceof JsonString text ? text.getString() : arguments == null ? "{}" : arguments.toString();
          Boolean succeeded = call.get("succeeded") == JsonValue.TRUE ? Boolean.TRUE
              : call.get("succeeded") == JsonValue.FALSE ? Boolean.FALSE : null;
          calls.add(new ToolCall(call.getString("id", null), name.getString(), argumentsText,
              call.get("result") instanceof JsonString result ? result.getString() : null, succeeded));
        }
      }
    }
    return calls;
  }
}
