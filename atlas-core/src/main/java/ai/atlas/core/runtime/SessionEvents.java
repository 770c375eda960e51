package ai.atlas.core.runtime;

import java.util.Map;

/**
 * Where a running session reports what happens, as it happens: lane chosen, each attempt, each
 * teacher verdict, each step, the final answer. The server stores them as trajectory events and
 * streams them to the caller.
 */
@FunctionalInterface
public interface SessionEvents {

  void event(String type, Map<String, Object> payload);

  SessionEvents NONE = (type, payload) -> {};
}
