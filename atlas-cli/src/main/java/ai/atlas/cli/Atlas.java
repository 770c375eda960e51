package ai.atlas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code atlas}: the ATLAS server from a terminal. The connection options apply to every
 * subcommand; failures print one line ({@code --debug}: the whole story) and exit with a code of
 * {@link ExitCodes}.
 */
@Command(name = "atlas", mixinStandardHelpOptions = true, version = "atlas 0.1.0",
    description = "Run, review, export and train with an ATLAS server.",
    footer = {"", "Example:", "  atlas --server http://localhost:9080 --user operator --password secret run \"What is 6*7?\" --profile demo-local"},
    subcommands = {EnvCommand.class, RunCommand.class, ReviewCommand.class, ExportCommand.class, JobsCommand.class, TrainCommand.class,
        PluginsCommand.class, ProfilesCommand.class, CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class})
public final class Atlas {

  @Option(names = "--server", scope = ScopeType.INHERIT, description = "the server's URL (or ATLAS_SERVER, or the configuration file)")
  String server;

  @Option(names = "--user", scope = ScopeType.INHERIT, description = "user name (or ATLAS_USER)")
  String user;

  @Option(names = "--password", scope = ScopeType.INHERIT, description = "password (or ATLAS_PASSWORD)")
  String password;

  @Option(names = "--token", scope = ScopeType.INHERIT, description = "an API key instead of user and password (or ATLAS_TOKEN)")
  String token;

  @Option(names = "--config", scope = ScopeType.INHERIT, description = "the configuration file (default ~/.config/atlas/cli.properties)")
  Path config;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print the whole error, not one line")
  boolean debug;

  /** Where the {@code ATLAS_*} variables are read: the process's environment, or a test's. */
  private final UnaryOperator<String> environment;

  private Atlas(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling, reading the process's environment. */
  public static CommandLine commandLine() {
    return commandLine(System::getenv);
  }

  /** The command line with its error handling, reading the {@code ATLAS_*} variables from {@code environment}. */
  public static CommandLine commandLine(UnaryOperator<String> environment) {
    CommandLine line = new CommandLine(new Atlas(environment));
    line.setExecutionExceptionHandler((e, cmd, parsed) -> {
      Atlas root = (Atlas) cmd.getCommandSpec().root().userObject();
      PrintWriter err = cmd.getErr();
      if (root.debug) {
        e.printStackTrace(err);
      }
      if (e instanceof CliFailure failure) {
        err.println("atlas: " + failure.getMessage());
        err.flush();
        return failure.exitCode();
      }
      err.println("atlas: " + e + (root.debug ? "" : " (--debug shows more)"));
      err.flush();
      return ExitCodes.FAILED;
    });
    return line;
  }

  /** The configuration file: {@code --config}, else {@code ATLAS_CONFIG}, else the default. */
  Path configFile() {
    return config == null ? CliConfig.defaultFile(environment) : config;
  }

  CliConfig configuration() {
    return CliConfig.resolve(configFile(), server, user, password, token, environment);
  }

  AtlasClient client() {
    return new AtlasClient(configuration());
  }

  /** The root command of any subcommand's spec. */
  static Atlas of(CommandLine.Model.CommandSpec spec) {
    return (Atlas) spec.root().userObject();
  }
}
