package ai.atlas.it.faults;

import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.PluginSettings;
import java.util.ArrayList;
import java.util.List;

/** A hostile agent plugin for {@code PluginFaultsIT} whose every call allocates until the heap is full, and keeps it. */
public class HeapHogAgentFactory implements AgentAdapterFactory {

  private static final int CHUNK_BYTES = 1 << 20; // ordinary objects (not humongous ones), promoted as they survive

  @Override
  public String type() {
    return "heap-hog";
  }

  @Override
  public AgentAdapter create(PluginSettings settings) {
    return task -> hoard();
  }

  private static AgentAnswer hoard() {
    List<byte[]> hoard = new ArrayList<>();
    while (hoard.size() < Integer.MAX_VALUE) {
      hoard.add(new byte[CHUNK_BYTES]);
    }
    return AgentAnswer.of("held " + hoard.size() + " chunks");
  }
}
