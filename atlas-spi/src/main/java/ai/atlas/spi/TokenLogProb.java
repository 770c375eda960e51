package ai.atlas.spi;

import java.util.List;

/**
 * The log-probability of one generated token, with the most likely alternatives when asked for.
 *
 * @param token the token's text
 * @param logprob its natural-log probability
 * @param top the most likely tokens at this position (empty unless requested)
 */
public record TokenLogProb(String token, double logprob, List<TokenLogProb> top) {

  public TokenLogProb {
    top = top == null ? List.of() : List.copyOf(top);
  }
}
