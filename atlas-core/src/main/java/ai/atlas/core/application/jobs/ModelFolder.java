package ai.atlas.core.application.jobs;

import java.util.List;

/**
 * The models folder as the training jobs leave it: the checkpoints in it, each with the job that
 * trained it, and the work folders of training runs that have taken a step (so an interrupted run
 * can be restarted where it stopped). Implemented where the checkpoints are understood (the batch
 * module, with the model engine); the REST API and the start-up task read it through this port.
 */
public interface ModelFolder {

  /** The checkpoints (folders with a readable config.json), in name order; the work folders are not checkpoints. */
  List<Checkpoint> checkpoints();

  /** Whether the training job {@code job}'s instance has a work folder under {@code modelsDir}: it has taken a step. */
  boolean hasWork(String job, String modelsDir, long instanceId);

  /** One checkpoint; {@code trainingJson} is the provenance its training job wrote, if any. */
  record Checkpoint(String name, String path, String architecture, int layers, int hiddenSize, int vocabSize, int maxPositions,
      long weightBytes, String trainingJson) {}
}
