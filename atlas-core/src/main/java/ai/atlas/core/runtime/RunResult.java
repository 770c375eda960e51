package ai.atlas.core.runtime;

import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.profile.Lane;
import ai.atlas.spi.TokenUsage;
import ai.atlas.spi.ToolCall;
import java.util.List;

/**
 * How a session ended: its status, the lane it ran in, the final answer, the reviewed plan (empty
 * outside the step-by-step lanes), the steps with their attempts, the tokens it used and what
 * they cost (null when no model of the session has a price).
 */
public record RunResult(SessionStatus status, Lane lane, String finalAnswer, List<String> plan, List<Step> steps,
    TokenUsage usage, Double costUsd, String failure) {

  public RunResult {
    plan = plan == null ? List.of() : List.copyOf(plan);
    steps = steps == null ? List.of() : List.copyOf(steps);
    usage = usage == null ? TokenUsage.ZERO : usage;
  }

  /** The same result with more tokens counted: the calls made after the run (judges, playbook synthesis). */
  public RunResult withMoreUsage(TokenUsage extra) {
    return extra == null || extra.equals(TokenUsage.ZERO) ? this
        : new RunResult(status, lane, finalAnswer, plan, steps, usage.plus(extra), costUsd, failure);
  }

  /** A session that ended before it produced anything. */
  public static RunResult failed(Lane lane, String reason) {
    return new RunResult(SessionStatus.FAILED, lane, null, List.of(), List.of(), TokenUsage.ZERO, null, reason);
  }

  /**
   * One step: what it was, its final output, its attempts in order, whether the teacher accepted
   * the last one, and the tools the agent called on the last attempt.
   */
  public record Step(String description, String output, List<Attempt> tries, boolean validated, List<ToolCall> toolCalls) {

    public Step {
      tries = List.copyOf(tries);
      toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public int attempts() {
      return tries.size();
    }

    /** The guidance the attempts were given, in order (the first attempt may have had none). */
    public List<String> guidance() {
      return tries.stream().map(Attempt::guidance).filter(g -> g != null && !g.isBlank()).toList();
    }
  }

  /**
   * One attempt at a step: the guidance it was given, what the student answered, and the
   * teacher's verdict ({@code valid} is null where nobody validated, as in the auto lane).
   */
  public record Attempt(int number, String guidance, String output, Boolean valid, String feedback) {}
}
