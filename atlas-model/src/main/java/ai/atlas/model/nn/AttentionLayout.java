package ai.atlas.model.nn;

import ai.atlas.model.ModelException;

/**
 * Which positions each row of a training sequence sits at and which rows it may attend to. The
 * plain case is one causal sequence. The other is a shared prefix with branches packed after it:
 * a prompt followed by several completions of it, each completion attending to the whole prompt
 * and to its own earlier tokens only, and placed at the positions right after the prompt. Packed
 * so, a group of completions runs the prompt through the model once instead of once per
 * completion, and gets the same logits and gradients as separate sequences would.
 *
 * <p>Row {@code i} attends to rows {@code [0, prefixEnd[i])} and {@code [branchStart[i], i]}.
 */
public final class AttentionLayout {

  private final int[] positions;
  private final int[] prefixEnd;
  private final int[] branchStart;

  private AttentionLayout(int[] positions, int[] prefixEnd, int[] branchStart) {
    this.positions = positions;
    this.prefixEnd = prefixEnd;
    this.branchStart = branchStart;
  }

  /** One sequence, rows at positions 0..rows-1, each attending to itself and every row before it. */
  public static AttentionLayout causal(int rows) {
    int[] positions = new int[rows];
    for (int i = 0; i < rows; i++) {
      positions[i] = i;
    }
    return new AttentionLayout(positions, new int[rows], new int[rows]);
  }

  /**
   * A prefix of {@code prefix} rows, then branches of the given lengths one after another; a
   * branch's rows sit at positions {@code prefix, prefix + 1, ...} and see the prefix and their own
   * branch.
   */
  public static AttentionLayout sharedPrefix(int prefix, int[] branchLengths) {
    if (prefix < 1) {
      throw new ModelException("a shared prefix needs at least one row");
    }
    int rows = prefix;
    for (int length : branchLengths) {
      if (length < 0) {
        throw new ModelException("a branch cannot have " + length + " rows");
      }
      rows += length;
    }
    int[] positions = new int[rows];
    int[] prefixEnd = new int[rows];
    int[] branchStart = new int[rows];
    for (int i = 0; i < prefix; i++) {
      positions[i] = i;
    }
    int row = prefix;
    for (int length : branchLengths) {
      for (int k = 0; k < length; k++, row++) {
        positions[row] = prefix + k;
        prefixEnd[row] = prefix;
        branchStart[row] = row - k;
      }
    }
    return new AttentionLayout(positions, prefixEnd, branchStart);
  }

  public int rows() {
    return positions.length;
  }

  public int position(int row) {
    return positions[row];
  }

  /** The largest position any row sits at, plus one: what the model's positions must hold. */
  public int span() {
    int max = -1;
    for (int p : positions) {
      max = Math.max(max, p);
    }
    return max + 1;
  }

  /** The first row {@code row} attends to. */
  int firstKey(int row) {
    return prefixEnd[row] > 0 ? 0 : branchStart[row];
  }

  /** The row {@code row} attends to after {@code key}; past {@code row} when there is none. */
  int nextKey(int row, int key) {
    int next = key + 1;
    return next == prefixEnd[row] ? branchStart[row] : next;
  }
}
