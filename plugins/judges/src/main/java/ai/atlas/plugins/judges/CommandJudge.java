package ai.atlas.plugins.judges;

import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command (a unit-test runner, a checker script) with the answer on its standard input and
 * the reference in {@code ATLAS_REFERENCE}; exit code 0 scores 1, anything else 0, and the
 * command's output (its last 2,000 characters) is the rationale. Settings: {@code command}
 * (required: the program and its arguments, separated by spaces), {@code timeout-seconds}
 * (default 60: a command still running then is killed and scores 0).
 */
public final class CommandJudge implements Judge {

  private static final int MAX_RATIONALE = 2000;

  private final List<String> command;
  private final long timeoutSeconds;

  CommandJudge(List<String> command, long timeoutSeconds) {
    this.command = command;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public Judgement judge(Interaction interaction) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ATLAS_REFERENCE", interaction.reference() == null ? "" : interaction.reference());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PluginException("cannot start the command " + command + ": " + e.getMessage());
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(interaction.answer().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The command may exit without reading its input; its exit code still decides.
    }
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Judgement.certain(0, "the command did not finish within " + timeoutSeconds + " s");
      }
      String text = tail(output.get(5, TimeUnit.SECONDS));
      int exit = process.exitValue();
      return Judgement.certain(exit == 0 ? 1 : 0, "exit code " + exit + (text.isBlank() ? "" : ": " + text));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new PluginException("interrupted while the command ran", true, e);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new PluginException("the command's output could not be read: " + e, true, e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(String text) {
    String stripped = text.strip();
    return stripped.length() <= MAX_RATIONALE ? stripped : "…" + stripped.substring(stripped.length() - MAX_RATIONALE);
  }

  public static final class Factory implements JudgeFactory {
    @Override
    public String type() {
      return "command";
    }

    @Override
    public Judge create(PluginSettings settings) {
      List<String> command = Arrays.stream(settings.require("command").trim().split("\\s+")).toList();
      long timeout = settings.getLong("timeout-seconds", 60);
      if (timeout < 1) {
        throw new PluginException("the setting 'timeout-seconds' must be 1 or more");
      }
      return new CommandJudge(command, timeout);
    }
  }
}
