package ai.atlas.spi;

/**
 * The team's agent, as ATLAS drives it: a task (with the teacher's guidance and learned hints)
 * in, an answer with its steps out. Implementations must be safe to call from several threads.
 */
public interface AgentAdapter extends AutoCloseable {

  AgentAnswer run(AgentTask task);

  /** Releases what the adapter holds (a child process, connections); the default holds nothing. */
  @Override
  default void close() {}
}
