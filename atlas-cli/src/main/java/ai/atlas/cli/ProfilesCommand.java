package ai.atlas.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atlas profiles}: the agent profiles sessions can run with. */
@Command(name = "profiles", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas profiles"}, description = "The server's agent profiles.")
final class ProfilesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (JsonValue value : Atlas.of(spec).client().get("/api/profiles").asJsonArray()) {
      JsonObject profile = value.asJsonObject();
      out.println(Output.text(profile, "name") + "  " + Output.cut(Output.text(profile, "description"), 100));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
