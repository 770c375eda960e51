package ai.atlas.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas env init|verify}: the command's configuration, and whether the server and its parts work. */
@Command(name = "env", mixinStandardHelpOptions = true, description = "Set up and check the command's connection to a server.",
    footer = {"", "Examples:", "  atlas env init --server http://localhost:9080 --user admin --password secret",
        "  atlas env init --profile team --agent-http http://localhost:8000/agent", "  atlas env verify"})
final class EnvCommand {

  @Spec CommandSpec spec;

  @Command(name = "init", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas env init --server http://localhost:9080 --user admin --profile team --agent-http http://localhost:8000/agent"},
      description = {"Check the server and credentials (asked for when not given and a terminal is there), save them to the"
          + " configuration file, and with an agent option write a profile for the team's agent and run a check session"
          + " with it. Running it again replaces both with what it is given."})
  int init(@Option(names = "--profile", defaultValue = "default", description = "the profile to write (default ${DEFAULT-VALUE})")
      String profile,
      @Option(names = "--agent-openai", description = "the agent is a model behind this OpenAI-compatible base URL") String openAiUrl,
      @Option(names = "--agent-model", description = "its model name") String model,
      @Option(names = "--agent-key-env", description = "the environment variable on the server holding its API key") String keyEnv,
      @Option(names = "--agent-http", description = "the agent is an HTTP service at this URL") String httpUrl,
      @Option(names = "--agent-command", description = "the agent is this local program (JSON lines on stdin/stdout)") String command,
      @Option(names = "--agent-local", description = "the agent is a checkpoint folder on the server (the local model)") String localPath,
      @Option(names = "--check-task", defaultValue = "What is 2 + 2?", description = "the task of the check session") String checkTask) {
    Atlas root = Atlas.of(spec);
    CliConfig config = ask(root.configuration());
    AtlasClient client = new AtlasClient(config);
    JsonObject me = client.get("/api/me").asJsonObject();
    Path file = root.configFile();
    config.save(file);
    PrintWriter out = spec.commandLine().getOut();
    out.println("signed in to " + config.server() + " as " + Output.text(me, "name") + " " + me.get("roles") + "; saved to " + file);
    String agent = agentYaml(openAiUrl, model, keyEnv, httpUrl, command, localPath);
    if (agent == null) {
      out.flush();
      return ExitCodes.OK;
    }
    String yaml = "description: written by atlas env init\n" + agent + """
        teacher:
          llm: {provider: local, model: demo-arithmetic, max_output_tokens: 64, settings: {path: models/demo-arithmetic}}
        orchestration:
          forced_mode: auto
        """;
    client.put("/api/profiles/" + ReviewCommand.encode(profile), yaml, "application/yaml");
    out.println("wrote profile " + profile);
    JsonObject session = client.post("/api/sessions?wait=true", Json.createObjectBuilder().add("profile", profile)
        .add("task", checkTask).build()).asJsonObject();
    boolean answered = "succeeded".equals(session.getString("status", ""));
    out.println((answered ? "ok    " : "FAIL  ") + "the agent answered the check session " + Output.text(session, "id") + ": "
        + Output.cut(answered ? Output.text(session, "finalAnswer") : Output.text(session, "status") + " "
        + Output.text(session, "error"), 200));
    out.flush();
    return answered ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The server and credentials, asked for on the terminal where they are missing and there is one. */
  private static CliConfig ask(CliConfig given) {
    java.io.Console console = System.console();
    if (console == null) {
      return given;
    }
    String server = given.server() != null ? given.server() : console.readLine("server URL [http://localhost:9080]: ");
    if (server == null || server.isBlank()) {
      server = "http://localhost:9080";
    }
    String user = given.user();
    String password = given.password();
    if (given.token() == null && user == null) {
      user = console.readLine("user: ");
    }
    if (given.token() == null && password == null) {
      char[] typed = console.readPassword("password: ");
      password = typed == null ? null : new String(typed);
    }
    return new CliConfig(server, user, password, given.token());
  }

  /** The profile's agent block for the one agent option given (null: none given; two: refused). */
  static String agentYaml(String openAiUrl, String model, String keyEnv, String httpUrl, String command, String localPath) {
    int given = (openAiUrl != null ? 1 : 0) + (httpUrl != null ? 1 : 0) + (command != null ? 1 : 0) + (localPath != null ? 1 : 0);
    if (given > 1) {
      throw new CliFailure(ExitCodes.USAGE, "give one agent: --agent-openai, --agent-http, --agent-command or --agent-local");
    }
    if (openAiUrl != null) {
      if (model == null) {
        throw new CliFailure(ExitCodes.USAGE, "--agent-openai needs --agent-model");
      }
      return "agent:\n  type: openai\n  settings: {base-url: " + quoted(openAiUrl) + ", model: " + quoted(model)
          + (keyEnv == null ? "" : ", api-key-env: " + quoted(keyEnv)) + "}\n";
    }
    if (httpUrl != null) {
      return "agent:\n  type: http\n  settings: {url: " + quoted(httpUrl) + "}\n";
    }
    if (command != null) {
      return "agent:\n  type: process\n  settings: {command: " + quoted(command) + ", timeout-seconds: 120}\n";
    }
    if (localPath != null) {
      return "agent:\n  type: local\n  settings: {path: " + quoted(localPath) + ", max-tokens: 16}\n";
    }
    return null;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas env verify"},
      description = "Check the configuration, the server, its database and each plugin, and say what is wrong.")
  int verify() {
    AtlasClient client = Atlas.of(spec).client();
    PrintWriter out = spec.commandLine().getOut();
    JsonObject version = client.get("/api/version").asJsonObject();
    out.println("ok    server " + client.base() + ": " + version);
    JsonObject me = client.get("/api/me").asJsonObject();
    out.println("ok    signed in as " + Output.text(me, "name") + " " + me.get("roles"));
    boolean healthy = true;
    try {
      JsonObject ready = client.get("/health/ready").asJsonObject();
      out.println("ok    database and readiness: " + Output.text(ready, "status"));
    } catch (CliFailure e) {
      healthy = false;
      out.println("FAIL  readiness (the database?): " + e.getMessage());
    }
    for (JsonValue value : client.get("/api/plugins").asJsonArray()) {
      JsonObject plugin = value.asJsonObject();
      String status = Output.text(plugin, "state");
      boolean loaded = status.equalsIgnoreCase("loaded");
      healthy &= loaded;
      out.println((loaded ? "ok    " : "FAIL  ") + "plugin " + (plugin.containsKey("id") ? Output.text(plugin, "id") : Output.text(plugin, "jar")) + ": " + status
          + (loaded ? "" : " " + Output.text(plugin, "error")));
    }
    out.println(healthy ? "everything answers" : "something is wrong: see FAIL above");
    out.flush();
    return healthy ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
