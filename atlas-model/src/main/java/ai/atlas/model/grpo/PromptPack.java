package ai.atlas.model.grpo;

import ai.atlas.model.nn.AttentionLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Consecutive completions of one prompt packed into one training sequence: the prompt once, then
 * each completion's input tokens (all but its last) as a branch that sees the prompt and itself
 * ({@link AttentionLayout#sharedPrefix}). A group's G completions of a 55-token prompt and 3
 * tokens each are 71 rows instead of G × 57: the prompt, most of the work, runs once. The prompt's
 * last row predicts every completion's first token, so its logits are shared and its gradient is
 * the sum of theirs, as it would be over separate sequences.
 *
 * <p>Packing stops growing when the packed sequence's attention (rows²) would outweigh the
 * separate sequences' (long completions of a short prompt): then the pack ends and another starts.
 */
final class PromptPack {

  /** The first completion's index in the step, and how many follow it in this pack. */
  final int first;
  final int count;
  final int[] tokens;
  final AttentionLayout layout;
  /** {@code rows[i][s]}: the packed row whose logits predict token {@code s} of completion {@code first + i}. */
  final int[][] rows;

  private PromptPack(List<Rollout> rollouts, int first, int count) {
    this.first = first;
    this.count = count;
    int[] prompt = rollouts.get(first).promptTokens();
    int p = prompt.length;
    int[] branches = new int[count];
    int total = p;
    for (int i = 0; i < count; i++) {
      branches[i] = inputLength(rollouts.get(first + i));
      total += branches[i];
    }
    tokens = Arrays.copyOf(prompt, total);
    layout = AttentionLayout.sharedPrefix(p, branches);
    rows = new int[count][];
    int start = p;
    for (int i = 0; i < count; i++) {
      int[] completion = rollouts.get(first + i).completionTokens();
      System.arraycopy(completion, 0, tokens, start, branches[i]);
      rows[i] = new int[completion.length];
      for (int s = 0; s < completion.length; s++) {
        rows[i][s] = s == 0 ? p - 1 : start + s - 1;
      }
      start += branches[i];
    }
  }

  /** Completions {@code [from, to)} in packs, in order. */
  static List<PromptPack> of(List<Rollout> rollouts, int from, int to) {
    List<PromptPack> packs = new ArrayList<>();
    int first = from;
    while (first < to) {
      int[] prompt = rollouts.get(first).promptTokens();
      long packedRows = prompt.length + inputLength(rollouts.get(first));
      long separateCost = packedRows * packedRows;
      int end = first + 1;
      while (end < to && Arrays.equals(prompt, rollouts.get(end).promptTokens())) {
        long alone = prompt.length + inputLength(rollouts.get(end));
        long rowsWith = packedRows + inputLength(rollouts.get(end));
        if (rowsWith * rowsWith > separateCost + alone * alone) {
          break;
        }
        packedRows = rowsWith;
        separateCost += alone * alone;
        end++;
      }
      packs.add(new PromptPack(rollouts, first, end - first));
      first = end;
    }
    return packs;
  }

  /** The completion's tokens the model reads after the prompt: all but the last, which is only predicted. */
  private static int inputLength(Rollout r) {
    return Math.max(0, r.completionTokens().length - 1);
  }
}
