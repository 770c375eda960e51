package ai.atlas.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atlas env init|verify}: the command's configuration, and whether the server and its parts work. */
@Command(name = "env", mixinStandardHelpOptions = true, description = "Set up and check the command's connection to a server.",
    footer = {"", "Examples:", "  atlas env init --server http://localhost:9080 --user operator --password secret", "  atlas env verify"})
final class EnvCommand {

  @Spec CommandSpec spec;

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Check the server and credentials given as options, then save them to the configuration file (again: replaced).")
  int init() {
    Atlas root = Atlas.of(spec);
    CliConfig config = root.configuration();
    JsonObject me = new AtlasClient(config).get("/api/me").asJsonObject();
    Path file = root.config == null ? CliConfig.defaultFile() : root.config;
    config.save(file);
    PrintWriter out = spec.commandLine().getOut();
    out.println("signed in to " + config.server() + " as " + Output.text(me, "name") + " " + me.get("roles") + "; saved to " + file);
    out.flush();
    return ExitCodes.OK;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
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
