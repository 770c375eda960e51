package ai.atlas.spi;

/** Who speaks in a chat: the instructions, the user, the model, or a tool answering a tool call. */
public enum ChatRole {
  SYSTEM,
  USER,
  ASSISTANT,
  TOOL
}
