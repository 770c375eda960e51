package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The embedded default: the server runs a session with the demo model it ships (the local-model
 * plugin, no network, no key) and scores it against the reference.
 */
class DemoModelIT {

  @Test
  void theDemoProfileAnswersWithTheShippedModelAndIsScored() {
    HttpResponse<String> response = Server.postJson("/api/sessions?wait=true", Json.createObjectBuilder()
        .add("profile", "demo-local")
        .add("task", "Ann has 3 apples and gets 4 more. How many apples does Ann have now?")
        .add("metadata", Json.createObjectBuilder().add("reference", "7"))
        .build().toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject session = Server.json(response);
    assertThat(session.getString("status")).as(response.body()).isEqualTo("succeeded");
    assertThat(session.getString("executionMode")).isEqualTo("auto");
    assertThat(session.getString("finalAnswer")).isNotBlank();
    assertThat(session.getJsonObject("tokenUsage").getJsonNumber("completionTokens").longValue()).isBetween(1L, 8L);
    assertThat(session.containsKey("sessionReward")).as("the numeric judge scored it: %s", response.body()).isTrue();
    assertThat(Server.get("/api/plugins").body()).contains("atlas-local-model");
  }
}
