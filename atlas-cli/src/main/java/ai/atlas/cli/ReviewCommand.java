package ai.atlas.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas review list|show|approve|quarantine}: the review queue from a terminal. */
@Command(name = "review", mixinStandardHelpOptions = true, description = "List, show, approve and quarantine sessions.",
    footer = {"", "Examples:", "  atlas review list --status pending", "  atlas review approve 42 --note \"checked\""})
final class ReviewCommand {

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas review list --status pending --profile support --size 50"}, description = "Sessions, newest first.")
  int list(@Option(names = "--status", description = "review status: pending, approved, quarantined") String status,
      @Option(names = "--profile", description = "only this profile's") String profile,
      @Option(names = "--size", defaultValue = "20", description = "how many (1-200, default ${DEFAULT-VALUE})") int size,
      @Option(names = "--json", description = "the page as JSON") boolean json) {
    StringBuilder query = new StringBuilder("/api/sessions?size=").append(size);
    if (status != null) {
      query.append("&reviewStatus=").append(encode(status));
    }
    if (profile != null) {
      query.append("&profile=").append(encode(profile));
    }
    JsonObject page = Atlas.of(spec).client().get(query.toString()).asJsonObject();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(page);
    } else {
      out.printf("%-8s %-10s %-12s %-9s %-8s %s%n", "ID", "STATUS", "REVIEW", "LANE", "REWARD", "TASK");
      for (JsonObject s : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
        out.printf("%-8s %-10s %-12s %-9s %-8s %s%n", Output.text(s, "id"), Output.text(s, "status"), Output.text(s, "reviewStatus"),
            Output.text(s, "executionMode"), Output.text(s, "sessionReward"), Output.cut(Output.text(s, "task"), 60));
      }
      out.println(page.getJsonNumber("total") + " in all");
    }
    out.flush();
    return ExitCodes.OK;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas review show 42"}, description = "One session with its steps and review history, as JSON.")
  int show(@Parameters(paramLabel = "ID") long id) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(Output.pretty(Atlas.of(spec).client().get("/api/sessions/" + id)));
    out.flush();
    return ExitCodes.OK;
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas review approve 42 --note \"checked the numbers\""}, description = "Approve a session: it may feed training.")
  int approve(@Parameters(paramLabel = "ID") long id, @Option(names = "--note") String note) {
    return decide(id, "approved", note);
  }

  @Command(name = "quarantine", mixinStandardHelpOptions = true, footer = {"", "Example:", "  atlas review quarantine 42 --note \"leaks a customer name\""}, description = "Quarantine a session: it never feeds training.")
  int quarantine(@Parameters(paramLabel = "ID") long id, @Option(names = "--note") String note) {
    return decide(id, "quarantined", note);
  }

  private int decide(long id, String status, String note) {
    var body = Json.createObjectBuilder().add("status", status);
    if (note != null) {
      body.add("note", note);
    }
    JsonObject session = Atlas.of(spec).client().post("/api/sessions/" + id + "/review", body.build()).asJsonObject();
    PrintWriter out = spec.commandLine().getOut();
    out.println("session " + id + " is " + Output.text(session, "reviewStatus"));
    out.flush();
    return ExitCodes.OK;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
