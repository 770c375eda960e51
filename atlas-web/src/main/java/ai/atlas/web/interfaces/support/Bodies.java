package ai.atlas.web.interfaces.support;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import jakarta.json.JsonObject;

/** Request bodies that must be a JSON object. */
public final class Bodies {

  private Bodies() {}

  public static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidInputException("the request body is empty; send a JSON object");
    }
    return Json.parseObject(body, "the request body");
  }
}
