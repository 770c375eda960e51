package ai.atlas.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.spi.TokenUsage;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  @Test
  void parsesModelsWithPromptAndCompletionPricesPerMillionTokens() {
    PriceTable table = PriceTable.parse(" gpt-4o=2.5/10 , org/model:7b=0/0.6,");

    assertThat(table.priceOf("gpt-4o")).contains(new PriceTable.Price(2.5, 10));
    assertThat(table.priceOf("org/model:7b")).contains(new PriceTable.Price(0, 0.6));
    assertThat(table.priceOf("unknown")).isEmpty();
    assertThat(table.priceOf("gpt-4o").orElseThrow().cost(new TokenUsage(1_000, 500))).isEqualTo(0.0075);
    assertThat(PriceTable.parse("  ").isEmpty()).isTrue();
  }

  @Test
  void refusesMalformedEntriesNamingThem() {
    assertThatThrownBy(() -> PriceTable.parse("gpt-4o=2.5"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'gpt-4o=2.5' must read model=prompt/completion");
    assertThatThrownBy(() -> PriceTable.parse("gpt-4o=cheap/10"))
        .hasMessageContaining("the price of 'gpt-4o' must be a number of dollars of 0 or more, not 'cheap'");
    assertThatThrownBy(() -> PriceTable.parse("gpt-4o=-1/10")).hasMessageContaining("not '-1'");
  }
}
