package ai.atlas.core.domain.text;

import java.util.function.Supplier;

/**
 * Text that makes the regex engine give up once a deadline has passed: every 1,024th read checks
 * the clock and throws what {@code late} makes. Backtracking reads the same characters over and
 * over, so reads are counted, not positions. Used wherever a pattern not written by the server
 * (a redaction rule, a learned playbook cue) meets text.
 */
public final class DeadlineCharSequence implements CharSequence {

  private final String text;
  private final long deadline;
  private final Supplier<? extends RuntimeException> late;
  private int reads;

  /** {@code deadline} in {@link System#nanoTime()} terms. */
  public DeadlineCharSequence(String text, long deadline, Supplier<? extends RuntimeException> late) {
    this.text = text;
    this.deadline = deadline;
    this.late = late;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0x3FF) == 0 && System.nanoTime() > deadline) {
      throw late.get();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new DeadlineCharSequence(text.substring(start, end), deadline, late);
  }

  @Override
  public String toString() {
    return text;
  }
}
