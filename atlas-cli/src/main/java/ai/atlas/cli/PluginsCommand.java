package ai.atlas.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atlas plugins}: every plugin JAR and whether it loaded. */
@Command(name = "plugins", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas plugins"}, description = "The server's plugins and whether each loaded.")
final class PluginsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (JsonValue value : Atlas.of(spec).client().get("/api/plugins").asJsonArray()) {
      JsonObject plugin = value.asJsonObject();
      out.println(Output.text(plugin, "id") + " " + Output.text(plugin, "version") + " " + Output.text(plugin, "state")
          + " provides " + plugin.get("provides") + (plugin.containsKey("error") ? " error: " + Output.text(plugin, "error") : ""));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
