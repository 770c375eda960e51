package ai.atlas.core.application.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.common.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final Redactor builtIn = new Redactor(RedactionRules.builtIn("email,phone,card"), Duration.ofSeconds(1));

  @Test
  void emailAddressesAreReplaced() {
    assertThat(builtIn.redact("write to jane.doe+ops@example.co.uk today"))
        .isEqualTo("write to [REDACTED:email] today");
  }

  @Test
  void phoneNumbersWithSeparatorsAreReplacedButPlainArithmeticStays() {
    assertThat(builtIn.redact("call +1 415-555-0132 or (415) 555 0132 or +44 20 7946 0958"))
        .isEqualTo("call [REDACTED:phone] or [REDACTED:phone] or [REDACTED:phone]");
    assertThat(builtIn.redact("6 * 7 = 42, and 1234 + 5678 = 6912")).isEqualTo("6 * 7 = 42, and 1234 + 5678 = 6912");
  }

  @Test
  void cardNumbersThatPassTheLuhnCheckAreReplaced() {
    assertThat(builtIn.redact("card 4111 1111 1111 1111 and 5500-0000-0000-0004"))
        .isEqualTo("card [REDACTED:card] and [REDACTED:card]");
    // Same length, wrong checksum: an order number, not a card.
    assertThat(builtIn.redact("order 4111111111111112")).isEqualTo("order 4111111111111112");
  }

  @Test
  void customRulesComeFromAJsonList() {
    List<RedactionRule> rules = RedactionRules.custom("[{\"name\":\"ticket\",\"pattern\":\"TCK-[0-9]+\"}]");
    Redactor redactor = new Redactor(rules, Duration.ofSeconds(1));

    assertThat(redactor.redact("see TCK-1234 and TCK-99")).isEqualTo("see [REDACTED:ticket] and [REDACTED:ticket]");
  }

  @Test
  void brokenConfigurationIsRefusedWithItsReason() {
    assertThatThrownBy(() -> RedactionRules.custom("[{\"name\":\"x\",\"pattern\":\"(unclosed\"}]"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("rule 'x' has a bad pattern");
    assertThatThrownBy(() -> RedactionRules.custom("{\"name\":\"x\"}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("JSON array");
    assertThatThrownBy(() -> RedactionRules.custom("[{\"pattern\":\"x\"}]"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs a 'name'");
    assertThatThrownBy(() -> RedactionRules.builtIn("email,ssn"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown built-in redaction rule 'ssn'");
    assertThat(RedactionRules.builtIn("none")).isEmpty();
  }

  @Test
  void literalSecretsAreReplacedLongestFirst() {
    Redactor redactor = new Redactor(
        RedactionRules.literals("secret", List.of("sk-abc", "sk-abc-123456", "")), Duration.ofSeconds(1));

    assertThat(redactor.redact("key sk-abc-123456 and sk-abc. and sk-a.b"))
        .isEqualTo("key [REDACTED:secret] and [REDACTED:secret]. and sk-a.b");
  }

  @Test
  void everyStringOfAJsonDocumentIsRedactedAndTheStructureStays() {
    JsonObject document = Json.createObjectBuilder()
        .add("task", "mail bob@example.com")
        .add("bob@example.com", 1)
        .add("steps", Json.createArrayBuilder().add(Json.createObjectBuilder().add("output", "call 415-555-0132").add("reward", 0.5)))
        .build();

    JsonObject redacted = builtIn.redact(document);

    assertThat(redacted.getString("task")).isEqualTo("mail [REDACTED:email]");
    assertThat(redacted.getInt("bob@example.com")).isEqualTo(1);
    assertThat(redacted.getJsonArray("steps").getJsonObject(0).getString("output")).isEqualTo("call [REDACTED:phone]");
    assertThat(redacted.getJsonArray("steps").getJsonObject(0).getJsonNumber("reward").doubleValue()).isEqualTo(0.5);
  }

  @Test
  void aPatternThatRunsPastItsTimeLimitFailsInsteadOfPassingTextThrough() {
    Redactor catastrophic = new Redactor(
        List.of(new RedactionRule("evil", Pattern.compile("(.*?,){11}P"))), Duration.ofMillis(50));
    // Without a limit this backtracks for seconds (exponential in the number of commas).
    String input = String.join(",", java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(Integer::toString).toList());

    assertThatThrownBy(() -> catastrophic.redact(input))
        .isInstanceOf(RedactionFailedException.class).hasMessageContaining("'evil' ran past its time limit");
  }

  @Test
  void aRuleThatThrowsFailsTheRedaction() {
    List<RedactionRule> rules = new ArrayList<>();
    rules.add(new RedactionRule("broken", Pattern.compile("x"), match -> {
      throw new IllegalStateException("boom");
    }));
    Redactor redactor = new Redactor(rules, Duration.ofSeconds(1));

    assertThatThrownBy(() -> redactor.redact("x")).isInstanceOf(RedactionFailedException.class).hasMessageContaining("'broken' failed");
  }
}
