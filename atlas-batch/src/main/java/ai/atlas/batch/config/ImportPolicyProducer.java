package ai.atlas.batch.config;

import ai.atlas.core.application.ImportPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The import policy from configuration: the longest prompt or answer, and the server's live secrets to scrub. */
@ApplicationScoped
public class ImportPolicyProducer {

  @Inject
  @ConfigProperty(name = "atlas.limits.text-chars", defaultValue = "100000")
  int maxTextChars;

  @Inject RedactionConfig redaction;

  /** Dependent: a record cannot be proxied; the session service reads it once. */
  @Produces
  ImportPolicy importPolicy() {
    return new ImportPolicy(maxTextChars, redaction.secretScrubber());
  }
}
