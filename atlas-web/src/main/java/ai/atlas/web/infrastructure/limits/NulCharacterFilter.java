package ai.atlas.web.infrastructure.limits;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Refuses query parameters with a NUL character ({@code %00}) before any resource sees them:
 * PostgreSQL's text cannot hold one, so a filter value with it would fail in the query (a 500)
 * instead of being the caller's error. Bodies are checked where they are parsed.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class NulCharacterFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
      if (Json.hasNul(parameter.getKey()) || parameter.getValue().stream().anyMatch(Json::hasNul)) {
        throw new InvalidInputException("the query parameter '" + parameter.getKey().replace('\u0000', '?')
            + "' must not contain NUL characters (%00)");
      }
    }
  }
}
