package ai.atlas.core.runtime;

import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.spi.TokenUsage;
import java.util.List;

/**
 * How a session ended: its status, the lane it ran in, the final answer, the steps with their
 * attempts, and the tokens it used.
 */
public record RunResult(SessionStatus status, Lane lane, String finalAnswer, List<Step> steps, TokenUsage usage, String failure) {

  /** One step: what it was, its final output, how many attempts it took, and whether the teacher accepted it. */
  public record Step(String description, String output, int attempts, boolean validated) {}
}
