package ai.atlas.plugins.processagent;

import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * {@code agent-adapter:python}: a team's Python function or class as the agent, as atlas-sdk's
 * {@code python} adapter runs it: called with the prompt (the task, the learned playbook and the
 * teacher's guidance) and the metadata. It runs in one long-lived interpreter through a small
 * runner shipped in this plugin, over the process agent's JSON-lines protocol. Settings:
 * {@code import-path} (required: the module), {@code attribute} (default {@code main}),
 * {@code working-dir} (where the module is found), {@code allow-generator} (default false),
 * {@code python} (default {@code python3}), {@code llm-config} (JSON handed to the callable as
 * metadata {@code llm_config}), {@code timeout-seconds} (default 120 per task).
 */
public final class PythonAgentFactory implements AgentAdapterFactory {

  private static final String RUNNER = "atlas_python_agent.py";

  @Override
  public String type() {
    return "python";
  }

  @Override
  public AgentAdapter create(PluginSettings settings) {
    String importPath = settings.require("import-path");
    if (!importPath.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
      throw new PluginException("the setting 'import-path' must be a Python module path such as agents.support, not '" + importPath + "'");
    }
    String attribute = settings.get("attribute").orElse("main");
    Path workingDir = settings.get("working-dir").map(Path::of).orElse(null);
    if (workingDir != null && !Files.isDirectory(workingDir)) {
      throw new PluginException("the setting 'working-dir' is not a folder: " + workingDir);
    }
    long timeout = settings.getLong("timeout-seconds", 120);
    if (timeout < 1) {
      throw new PluginException("the setting 'timeout-seconds' must be 1 or more");
    }
    String allowGenerator = Boolean.toString(Boolean.parseBoolean(settings.get("allow-generator").orElse("false")));
    List<String> command = List.of(settings.get("python").orElse("python3"), "-u", runner().toString(), importPath, attribute,
        allowGenerator, settings.get("llm-config").orElse(""));
    return new ProcessAgent(command, workingDir, Duration.ofSeconds(timeout));
  }

  /** The runner, copied out of the plugin's JAR once per adapter (the interpreter needs a file). */
  private static Path runner() {
    try (InputStream in = PythonAgentFactory.class.getResourceAsStream(RUNNER)) {
      if (in == null) {
        throw new PluginException("the plugin JAR lacks its Python runner " + RUNNER);
      }
      Path file = Files.createTempFile("atlas-python-agent-", ".py");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new PluginException("cannot write the Python runner: " + e.getMessage());
    }
  }
}
