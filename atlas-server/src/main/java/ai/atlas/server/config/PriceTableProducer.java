package ai.atlas.server.config;

import ai.atlas.core.runtime.PriceTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The price table from {@code atlas.runtime.prices} ({@code ATLAS_RUNTIME_PRICES}): entries
 * {@code model=prompt/completion} in dollars per million tokens, separated by commas. A malformed
 * table fails the start of the application with a message that names the entry.
 */
@ApplicationScoped
public class PriceTableProducer {

  @Inject
  @ConfigProperty(name = "atlas.runtime.prices", defaultValue = " ")
  String prices;

  @Produces
  @Singleton
  PriceTable priceTable() {
    return PriceTable.parse(prices);
  }
}
