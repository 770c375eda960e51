package ai.atlas.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Input JSON: whatever is wrong with it is the caller's error, never the server's. */
class JsonTest {

  @Test
  void malformedJsonIsRefusedWithWhereItBroke() {
    assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}")).isInstanceOf(InvalidInputException.class).hasMessageContaining("line 1");
  }

  @Test
  void aBodyNestedTooDeeplyIsRefusedAsInput() {
    String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
    assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(InvalidInputException.class).hasMessageContaining("nested");
    String deepArray = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> Json.parse(deepArray)).isInstanceOf(InvalidInputException.class).hasMessageContaining("nested");
  }

  @Test
  void nestingWithinTheLimitIsRead() {
    String nested = "{\"a\":".repeat(Json.MAX_DEPTH - 1) + "1" + "}".repeat(Json.MAX_DEPTH - 1);
    assertThat(Json.parse(nested).getValueType()).isEqualTo(jakarta.json.JsonValue.ValueType.OBJECT);
  }

  @Test
  void aNulCharacterInAnyStringOrNameIsRefused() {
    assertThatThrownBy(() -> Json.parse("{\"task\": \"a\\u0000b\"}")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> Json.parse("{\"a\": [1, {\"b\\u0000\": 2}]}")).isInstanceOf(InvalidInputException.class);
    assertThat(Json.parse("{\"a\": \"\\\\u0000 is six characters, not NUL\"}").toString()).contains("u0000");
    assertThatThrownBy(() -> Json.refuseNul("x\u0000")).isInstanceOf(InvalidInputException.class);
  }
}
