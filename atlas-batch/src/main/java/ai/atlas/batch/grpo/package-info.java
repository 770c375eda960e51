/**
 * The {@code grpo} job: GRPO training of a checkpoint on prompts (a JSONL dataset, or the
 * approved sessions exported first), one chunk per step: the reader hands out a batch of lines,
 * the processor samples and scores each prompt's group, the writer applies the objective and the
 * optimizer step and saves the run's state; the last step writes the policy as a model.
 */
package ai.atlas.batch.grpo;
