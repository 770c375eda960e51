package ai.atlas.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code atlas export}: stored sessions as JSONL, streamed to disk (into a temporary file renamed
 * into place at the end, so an interrupted export never leaves half a file), with a running count.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export sessions as JSONL (redacted by the server).",
    footer = {"", "Example:", "  atlas export --include-status approved --format trl --output traces.jsonl"})
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--include-status", defaultValue = "approved", description = "approved (default), pending, quarantined or any")
  String status;

  @Option(names = "--format", defaultValue = "atlas", description = "atlas (default), openai or trl")
  String format;

  @Option(names = "--output", required = true, description = "the file to write")
  Path output;

  @Override
  public Integer call() throws IOException {
    AtlasClient client = Atlas.of(spec).client();
    PrintWriter err = spec.commandLine().getErr();
    Path absolute = output.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
    long count = 0;
    try (InputStream stream = client.stream("/api/export?format=" + ReviewCommand.encode(format) + "&reviewStatus="
            + ReviewCommand.encode(status), "application/x-ndjson, application/json");
         BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
         Writer file = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        file.write(line);
        file.write('\n');
        count++;
        if (count % 500 == 0) {
          err.print("\rexported " + count + " lines");
          err.flush();
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
    spec.commandLine().getOut().println("exported " + count + " lines to " + output);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
