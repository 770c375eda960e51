package ai.atlas.core.runtime;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.profile.Lane;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** A session a server has claimed from the queue: what it needs to run it, as it was stored. */
public record QueuedSession(long id, String profile, String task, String learningKey, Map<String, String> metadata, Lane lane) {

  static QueuedSession of(AgentSession session) {
    Map<String, String> metadata = new LinkedHashMap<>();
    String stored = session.getMetadata().orElse("");
    if (!stored.isBlank()) {
      try (var reader = Json.createReader(new StringReader(stored))) {
        JsonObject object = reader.readObject();
        object.forEach((k, v) -> metadata.put(k, v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString()
            : v.toString()));
      }
    }
    Lane lane = session.getRequestedLane() == null ? null : Lane.fromWire(session.getRequestedLane()).orElse(null);
    return new QueuedSession(session.getId(), session.getProfile().orElse(null), session.getTask(),
        session.getLearningKey().orElse(null), metadata, lane);
  }
}
