/** Text generation: sampling (temperature, top-k, top-p, seed), stop sequences, per-token log-probs. */
package ai.atlas.model.generate;
