package ai.atlas.core.runtime;

import java.util.Map;
import java.util.Set;

/**
 * Where a running session reports what happens, as it happens: lane chosen, each attempt, each
 * teacher verdict, each step, the final answer. The server stores them as trajectory events and
 * streams them to the caller.
 */
@FunctionalInterface
public interface SessionEvents {

  void event(String type, Map<String, Object> payload);

  SessionEvents NONE = (type, payload) -> {};

  /**
   * The events of the work in between (each model call, the plan, each step and validation): a
   * profile with {@code orchestration.emit_intermediate_steps: false} keeps them out of its live
   * stream, while its stored trace keeps everything.
   */
  Set<String> INTERMEDIATE = Set.of("student.call", "teacher.call", "validation", "plan", "step");

  static boolean intermediate(String type) {
    return INTERMEDIATE.contains(type);
  }
}
