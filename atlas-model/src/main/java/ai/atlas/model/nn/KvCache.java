package ai.atlas.model.nn;

import ai.atlas.model.ModelException;

/**
 * The keys and values of the positions a sequence has passed through, per layer, so the next
 * token attends to them without computing them again.
 */
public final class KvCache {

  final float[][] keys;
  final float[][] values;
  private final int capacity;
  private final int kvDim;
  private int length;

  KvCache(int layers, int capacity, int kvDim) {
    this.capacity = capacity;
    this.kvDim = kvDim;
    this.keys = new float[layers][(long) capacity * kvDim > Integer.MAX_VALUE ? fail(capacity) : capacity * kvDim];
    this.values = new float[layers][capacity * kvDim];
  }

  private static int fail(int capacity) {
    throw new ModelException("a KV cache of " + capacity + " positions does not fit one array");
  }

  public int length() {
    return length;
  }

  public int capacity() {
    return capacity;
  }

  int kvDim() {
    return kvDim;
  }

  void advance(int tokens) {
    length += tokens;
  }

  /** Forgets every position from {@code length} on (to reuse a shared prompt's cache). */
  public void truncate(int newLength) {
    if (newLength < 0 || newLength > length) {
      throw new IllegalArgumentException("cannot truncate a cache of " + length + " to " + newLength);
    }
    length = newLength;
  }
}
