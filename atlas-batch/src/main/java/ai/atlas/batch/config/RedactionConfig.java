package ai.atlas.batch.config;

import ai.atlas.core.application.InvalidInputException;
import ai.atlas.core.application.redaction.RedactionFailedException;
import ai.atlas.core.application.redaction.RedactionRule;
import ai.atlas.core.application.redaction.RedactionRules;
import ai.atlas.core.application.redaction.Redactor;
import ai.atlas.core.application.secrets.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /** The redactor for exports: configured rules, then live secrets. */
  public Redactor exportRedactor() {
    List<RedactionRule> rules = new ArrayList<>(RedactionRules.literals("secret", secrets().knownValues()));
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
    return new Redactor(RedactionRules.literals("secret", secrets().knownValues()), Duration.ofMillis(timeLimitMs));
  }

  public Secrets secrets() {
    return Secrets.fromEnvironment(Path.of(secretsDir));
  }
}
