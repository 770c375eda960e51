package ai.atlas.it.faults;

import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.PluginSettings;

/**
 * A hostile agent plugin for {@code PluginFaultsIT}: packaged from the test classes into a real
 * plugin JAR and dropped into the running server's plugins folder. Its setting {@code fault} says
 * how each call misbehaves: {@code throw} (a runtime exception) or {@code hang} (a call that
 * ignores interruption and returns only after 60 s, well past the plugin's time limit). The heap
 * filler is {@link HeapHogAgentFactory}, a plugin of its own with a longer time limit.
 */
public class FaultyAgentFactory implements AgentAdapterFactory {

  private static final long HANG_MILLIS = 60_000;

  @Override
  public String type() {
    return "faulty";
  }

  @Override
  public AgentAdapter create(PluginSettings settings) {
    String fault = settings.require("fault");
    return task -> switch (fault) {
      case "throw" -> throw new IllegalStateException("the faulty agent broke on purpose");
      case "hang" -> hang();
      default -> AgentAnswer.of("no fault named " + fault);
    };
  }

  private static AgentAnswer hang() {
    long until = System.currentTimeMillis() + HANG_MILLIS;
    while (System.currentTimeMillis() < until) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException ignored) {
        // a hung plugin does not cooperate: the guard must give up on it without its help
      }
    }
    return AgentAnswer.of("too late");
  }
}
