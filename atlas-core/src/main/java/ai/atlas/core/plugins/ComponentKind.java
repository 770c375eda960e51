package ai.atlas.core.plugins;

import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.ChatModelFactory;
import ai.atlas.spi.JudgeFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of component a plugin provides, with the factory interface each is found by. */
public enum ComponentKind {
  AGENT_ADAPTER("agent-adapter", AgentAdapterFactory.class),
  CHAT_MODEL("chat-model", ChatModelFactory.class),
  JUDGE("judge", JudgeFactory.class);

  private final String wireName;
  private final Class<?> factoryType;

  ComponentKind(String wireName, Class<?> factoryType) {
    this.wireName = wireName;
    this.factoryType = factoryType;
  }

  public String wireName() {
    return wireName;
  }

  public Class<?> factoryType() {
    return factoryType;
  }

  public static Optional<ComponentKind> fromWire(String value) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(value.trim())).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ComponentKind::wireName).toList();
  }
}
