package ai.atlas.core.application.jobs;

/**
 * Runs one kind of partition on whichever server claimed it (a CDI bean; the
 * {@link PartitionRunner} finds it by {@link #kind}). The payload carries everything the
 * partition needs, because the claiming server may not share the dispatching server's files.
 */
public interface PartitionHandler {

  /** The kind of partition this handler runs, as the dispatching step names it. */
  String kind();

  /** Runs the partition described by {@code payload} and answers its result (JSON); an exception fails it with its message. */
  String run(String payload) throws Exception;
}
