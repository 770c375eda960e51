package ai.atlas.spi;

/** Scores an interaction. Implementations must be safe to call from several threads. */
public interface Judge {

  Judgement judge(Interaction interaction);
}
