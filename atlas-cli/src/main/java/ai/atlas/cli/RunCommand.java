package ai.atlas.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atlas run "<task>"} or {@code --file tasks.jsonl}: runs each task as a session and
 * follows it as it happens (the session's events: lane, steps, validations, reward), then prints
 * its outcome; {@code --json} prints each finished session as JSON instead. Exits 1 when a session
 * failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run tasks as sessions and follow them as they happen.",
    footer = {"", "Examples:", "  atlas run \"What is 6*7?\" --profile demo-local --reference 42",
        "  atlas run --file tasks.jsonl --profile support --json   (lines: {\"task\": ..., \"reference\": ...})"})
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "TASK", description = "the task")
  String task;

  @Option(names = "--file", description = "a JSONL file of tasks: {\"task\", \"reference\"} per line")
  Path file;

  @Option(names = "--profile", required = true, description = "the profile to run with")
  String profile;

  @Option(names = "--lane", description = "force a lane: auto, paired, coach, escalate")
  String lane;

  @Option(names = "--reference", description = "the expected answer, for the judges")
  String reference;

  @Option(names = "--json", description = "print each finished session as JSON")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if ((task == null) == (file == null)) {
      throw new CliFailure(ExitCodes.USAGE, "give a TASK or --file tasks.jsonl (one of them)");
    }
    AtlasClient client = Atlas.of(spec).client();
    PrintWriter out = spec.commandLine().getOut();
    boolean allSucceeded = true;
    for (JsonObject one : tasks()) {
      JsonObjectBuilder body = Json.createObjectBuilder().add("profile", profile).add("task", one.getString("task"));
      if (lane != null) {
        body.add("lane", lane);
      }
      String ref = one.getString("reference", reference);
      if (ref != null) {
        body.add("metadata", Json.createObjectBuilder().add("reference", ref));
      }
      JsonObject started = client.post("/api/sessions", body.build()).asJsonObject();
      long id = started.getJsonNumber("id").longValue();
      if (!json) {
        out.println("session " + id + ": " + Output.cut(one.getString("task"), 80));
        out.flush();
      }
      follow(client, id, out);
      JsonObject session = client.get("/api/sessions/" + id).asJsonObject();
      if (json) {
        out.println(session);
      } else {
        out.println("session " + id + " " + Output.text(session, "status") + " in lane " + Output.text(session, "executionMode")
            + ", reward " + Output.text(session, "sessionReward") + ": " + Output.cut(Output.text(session, "finalAnswer"), 200));
      }
      out.flush();
      allSucceeded &= !"failed".equals(session.getString("status", ""));
    }
    return allSucceeded ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private List<JsonObject> tasks() throws IOException {
    if (task != null) {
      return List.of(Json.createObjectBuilder().add("task", task).build());
    }
    if (!Files.isRegularFile(file)) {
      throw new CliFailure(ExitCodes.USAGE, "no such file: " + file);
    }
    List<JsonObject> out = new java.util.ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(file)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonObject object = Json.createReader(new StringReader(line)).readObject();
        if (!(object.get("task") instanceof jakarta.json.JsonString)) {
          throw new CliFailure(ExitCodes.USAGE, file + " line " + number + " has no \"task\"");
        }
        out.add(object);
      } catch (jakarta.json.JsonException e) {
        throw new CliFailure(ExitCodes.USAGE, file + " line " + number + " is not a JSON object");
      }
    }
    return out;
  }

  /** Prints the session's events as they come (server-sent events), until the stream ends. */
  private void follow(AtlasClient client, long id, PrintWriter out) throws IOException {
    try (InputStream stream = client.stream("/api/sessions/" + id + "/events", "text/event-stream");
         BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String event = null;
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:") && event != null) {
          if (event.equals("end")) {
            return;
          }
          if (!json) {
            out.println("  " + describe(event, line.substring(5).strip()));
            out.flush();
          }
        } else if (line.isEmpty()) {
          event = null;
        }
      }
    }
  }

  /**
   * One event in a line: its type, and what matters in it, such as the student's answer of each
   * attempt and the guidance it was given, so the run reads as the lane ran it.
   */
  static String describe(String event, String data) {
    JsonValue value;
    try {
      value = Json.createReader(new StringReader(data)).readValue();
    } catch (jakarta.json.JsonException e) {
      return event;
    }
    JsonObject payload = value instanceof JsonObject o && o.get("payload") instanceof JsonObject p ? p
        : value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    String type = value instanceof JsonObject o && o.containsKey("type") ? o.getString("type") : event;
    StringBuilder line = new StringBuilder(type);
    for (String field : new String[] {"lane", "purpose", "attempt", "valid", "guidance", "answer", "judge", "score", "reward",
        "status", "reason", "kept", "learned"}) {
      if (payload.containsKey(field)) {
        // a learned entry is a whole sentence: cut it only where it would hide the rest of the run
        line.append(' ').append(field).append('=').append(Output.cut(Output.text(payload, field), field.equals("learned") ? 200 : 80));
      }
    }
    return line.toString();
  }
}
