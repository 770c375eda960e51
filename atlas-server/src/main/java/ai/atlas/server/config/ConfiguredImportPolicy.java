package ai.atlas.server.config;

import ai.atlas.core.profile.ImportPolicy;
import ai.atlas.core.profile.ImportPolicySource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The import policy from configuration: the longest prompt or answer, and the server's live secrets to scrub. */
@ApplicationScoped
public class ConfiguredImportPolicy implements ImportPolicySource {

  @Inject
  @ConfigProperty(name = "atlas.limits.text-chars", defaultValue = "100000")
  int maxTextChars;

  @Inject RedactionConfig redaction;

  @Override
  public ImportPolicy current() {
    return new ImportPolicy(maxTextChars, redaction.secretScrubber());
  }
}
