package ai.atlas.plugins.processagent;

import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code agent-adapter:process}: a local program (a Python function behind a small wrapper, say)
 * that reads one JSON request per line on its standard input and writes one JSON answer per line
 * on its standard output. Settings: {@code command} (required: the program and its arguments,
 * separated by spaces; an argument with spaces goes in {@code args}, one per line),
 * {@code working-dir}, {@code timeout-seconds} (default 120 per task).
 */
public final class ProcessAgentFactory implements AgentAdapterFactory {

  @Override
  public String type() {
    return "process";
  }

  @Override
  public AgentAdapter create(PluginSettings settings) {
    List<String> command = new ArrayList<>(List.of(settings.require("command").trim().split("\\s+")));
    settings.get("args").ifPresent(args -> args.lines().filter(l -> !l.isBlank()).forEach(command::add));
    Path workingDir = settings.get("working-dir").map(Path::of).orElse(null);
    if (workingDir != null && !Files.isDirectory(workingDir)) {
      throw new PluginException("the setting 'working-dir' is not a folder: " + workingDir);
    }
    long timeout = settings.getLong("timeout-seconds", 120);
    if (timeout < 1) {
      throw new PluginException("the setting 'timeout-seconds' must be 1 or more");
    }
    return new ProcessAgent(command, workingDir, Duration.ofSeconds(timeout));
  }
}
