package ai.atlas.core.gepa;

import java.io.Serializable;

/** The run's budget in metric calls (one call: one task run and scored), and what is spent of it. */
public final class Budget implements Serializable {

  private final long limit;
  private long spent;

  public Budget(long limit, long spent) {
    if (limit < 1 || spent < 0) {
      throw new IllegalArgumentException("a budget needs a limit of at least 1 metric call");
    }
    this.limit = limit;
    this.spent = spent;
  }

  /** Whether {@code calls} more calls fit. */
  public boolean allows(long calls) {
    return spent + calls <= limit;
  }

  public void spend(long calls) {
    spent += calls;
  }

  public long spent() {
    return spent;
  }

  public long limit() {
    return limit;
  }

  public long remaining() {
    return Math.max(0, limit - spent);
  }
}
