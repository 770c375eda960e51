/**
 * The {@code sft} job: supervised fine-tuning of a checkpoint on a JSONL dataset, one chunk per
 * optimizer step, with the training state saved at every chunk boundary so a stopped job
 * restarts exactly where it stopped.
 */
package ai.atlas.batch.train;
