package ai.atlas.core.plugins;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of component a plugin provides, by the names descriptors use. */
public enum ComponentKind {
  AGENT_ADAPTER("agent-adapter"),
  CHAT_MODEL("chat-model"),
  JUDGE("judge");

  private final String wireName;
  ComponentKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ComponentKind> fromWire(String value) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(value.trim())).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ComponentKind::wireName).toList();
  }
}
