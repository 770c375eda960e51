package ai.atlas.core.runtime;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.spi.TokenUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What models cost, in US dollars per million prompt and completion tokens, by model name. It is
 * configured as text ({@code atlas.runtime.prices}, e.g. {@code gpt-4o=2.5/10, gpt-4o-mini=0.15/0.6})
 * because prices change more often than releases; a model without a price costs nothing known,
 * and its calls carry no cost.
 */
public final class PriceTable {

  public static final PriceTable EMPTY = new PriceTable(Map.of());

  /** Dollars per million prompt tokens and per million completion tokens. */
  public record Price(double promptPerMillion, double completionPerMillion) {

    public double cost(TokenUsage usage) {
      return (usage.promptTokens() * promptPerMillion + usage.completionTokens() * completionPerMillion) / 1_000_000d;
    }
  }

  private final Map<String, Price> prices;

  private PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  public static PriceTable of(Map<String, Price> prices) {
    return new PriceTable(prices);
  }

  /** Parses {@code model=prompt/completion} entries separated by commas; a blank text is the empty table. */
  public static PriceTable parse(String text) {
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    Map<String, Price> prices = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.lastIndexOf('=');
      int slash = entry.lastIndexOf('/');
      if (equals <= 0 || slash < equals) {
        throw new InvalidInputException("price entry '" + entry.strip() + "' must read model=prompt/completion (dollars per million tokens)");
      }
      String model = entry.substring(0, equals).strip();
      prices.put(model, new Price(amount(entry.substring(equals + 1, slash), model), amount(entry.substring(slash + 1), model)));
    }
    return new PriceTable(prices);
  }

  public Optional<Price> priceOf(String model) {
    return model == null ? Optional.empty() : Optional.ofNullable(prices.get(model));
  }

  public boolean isEmpty() {
    return prices.isEmpty();
  }

  private static double amount(String text, String model) {
    try {
      double value = Double.parseDouble(text.strip());
      if (value >= 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("the price of '" + model + "' must be a number of dollars of 0 or more, not '" + text.strip() + "'");
  }
}
