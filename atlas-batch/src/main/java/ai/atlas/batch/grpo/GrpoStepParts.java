package ai.atlas.batch.grpo;

import ai.atlas.model.grpo.GrpoRewards;
import ai.atlas.model.grpo.GrpoTrainer;

/**
 * What the train step's writer and processor share through the step context: the trainer the
 * writer builds on open, and the reward the processor opens on its first item, which the writer
 * closes with the step.
 */
final class GrpoStepParts {

  final GrpoTrainer trainer;
  GrpoRewards rewards;

  GrpoStepParts(GrpoTrainer trainer) {
    this.trainer = trainer;
  }
}
