package ai.atlas.server.config;

import ai.atlas.core.application.redaction.RedactionFailedException;
import ai.atlas.core.application.redaction.RedactionRule;
import ai.atlas.core.application.redaction.RedactionRules;
import ai.atlas.core.application.redaction.Redactor;
import ai.atlas.core.application.secrets.Secrets;
import ai.atlas.core.common.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The redaction every export applies, from configuration: the built-in rules named by
 * {@code atlas.redaction.builtin}, the custom ones of {@code atlas.redaction.custom} (a JSON list),
 * and the values of every secret the server holds. Broken configuration fails each export that
 * needs it, with the reason, rather than export unredacted.
 */
@ApplicationScoped
public class RedactionConfig {

  @Inject
  @ConfigProperty(name = "atlas.redaction.builtin", defaultValue = "email,phone,card")
  String builtIn;

  @Inject
  @ConfigProperty(name = "atlas.redaction.custom", defaultValue = "[]")
  String custom;

  @Inject
  @ConfigProperty(name = "atlas.redaction.time-limit-ms", defaultValue = "2000")
  long timeLimitMs;

  @Inject
  @ConfigProperty(name = "atlas.secrets.dir", defaultValue = "secrets")
  String secretsDir;

  /** For CDI. */
  public RedactionConfig() {}

  /** Outside the container: the settings given. */
  public RedactionConfig(String builtIn, String custom, long timeLimitMs, String secretsDir) {
    this.builtIn = builtIn;
    this.custom = custom;
    this.timeLimitMs = timeLimitMs;
    this.secretsDir = secretsDir;
  }

  /** The secret-literal rule, rebuilt only when the secrets folder changes (the environment does not). */
  private record SecretRules(String folderState, List<RedactionRule> rules) {}

  private volatile SecretRules secretRules;

  /** The redactor for exports: configured rules, then live secrets. */
  public Redactor exportRedactor() {
    List<RedactionRule> rules = new ArrayList<>(secretRules());
    try {
      rules.addAll(RedactionRules.builtIn(builtIn));
      rules.addAll(RedactionRules.custom(custom));
    } catch (InvalidInputException e) {
      throw new RedactionFailedException("the redaction configuration is broken: " + e.getMessage(), e);
    }
    return new Redactor(rules, Duration.ofMillis(timeLimitMs));
  }

  /** The scrubber for what is stored: live secrets only. */
  public Redactor secretScrubber() {
    return new Redactor(secretRules(), Duration.ofMillis(timeLimitMs));
  }

  /**
   * Imports and profile reads ask for the scrubber each time, so that a secret file added while
   * the server runs is scrubbed from then on; reading every secret and compiling the rule again
   * is done only when the folder's listing (names, sizes, times) has changed.
   */
  private List<RedactionRule> secretRules() {
    String state = folderState(Path.of(secretsDir));
    SecretRules cached = secretRules;
    if (cached == null || !cached.folderState().equals(state)) {
      cached = new SecretRules(state, RedactionRules.literals("secret", secrets().knownValues()));
      secretRules = cached;
    }
    return cached.rules();
  }

  private static String folderState(Path folder) {
    if (!Files.isDirectory(folder)) {
      return "none";
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().map(f -> {
        try {
          return f.getFileName() + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
          return f.getFileName() + ":?";
        }
      }).collect(Collectors.joining(","));
    } catch (IOException e) {
      return "unreadable:" + System.nanoTime(); // never matches: read the folder again next time
    }
  }

  public Secrets secrets() {
    return Secrets.fromEnvironment(Path.of(secretsDir));
  }
}
