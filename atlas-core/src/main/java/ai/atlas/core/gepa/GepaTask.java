package ai.atlas.core.gepa;

import java.io.Serializable;

/** A task to evaluate prompts on: what is asked, and the reference answer the judges compare with (or null). */
public record GepaTask(String id, String task, String reference) implements Serializable {}
