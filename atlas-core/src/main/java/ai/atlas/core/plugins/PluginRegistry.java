package ai.atlas.core.plugins;

import ai.atlas.core.application.plugins.PluginJarPolicy;
import ai.atlas.core.plugins.GuardedComponents.GuardedAgentAdapter;
import ai.atlas.core.plugins.GuardedComponents.GuardedChatModel;
import ai.atlas.core.plugins.GuardedComponents.GuardedJudge;
import ai.atlas.core.plugins.PluginDescriptor.Component;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAdapterFactory;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatModelFactory;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import ai.atlas.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The plugins of the plugins folder: each JAR loaded into a class loader of its own, its
 * factories found with {@link ServiceLoader}, and each failure (no descriptor, an SPI version it
 * cannot run on, no provider, a constructor that throws, an id or type another plugin has) kept
 * as that plugin's status. Nothing a plugin does at load time or later escapes as an exception
 * that could stop the server.
 */
public final class PluginRegistry {

  private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

  private final Path folder;
  private final PluginJarPolicy policy;
  private final ExecutorService executor;
  private final Duration callTimeLimit;
  private final Map<Path, Entry> entries = new LinkedHashMap<>();

  /** A JAR seen by the last scan: its fingerprint (so an unchanged JAR is not reloaded) and what came of it. */
  private record Entry(String fingerprint, PluginStatus status, LoadedPlugin plugin) {}

  /** A plugin that loaded: its guard and its factories by type. */
  private record LoadedPlugin(
      PluginDescriptor descriptor,
      PluginGuard guard,
      Map<String, ChatModelFactory> chatModels,
      Map<String, AgentAdapterFactory> agentAdapters,
      Map<String, JudgeFactory> judges) {}

  public PluginRegistry(Path folder, PluginJarPolicy policy, ExecutorService executor, Duration callTimeLimit) {
    this.folder = folder;
    this.policy = policy;
    this.executor = executor;
    this.callTimeLimit = callTimeLimit;
    HeapWatch.install();
  }

  /**
   * Reads the folder again: loads JARs that are new or changed, forgets JARs that are gone, keeps
   * the rest as they are (components already handed out keep working). Returns every status.
   */
  public synchronized List<PluginStatus> rescan() {
    List<Path> jars = listJars();
    entries.keySet().removeIf(path -> !jars.contains(path));
    for (Path jar : jars) {
      String fingerprint = fingerprint(jar);
      Entry known = entries.get(jar);
      if (known == null || !known.fingerprint().equals(fingerprint)) {
        entries.remove(jar);
        entries.put(jar, load(jar, fingerprint));
      }
    }
    return plugins();
  }

  private volatile ModelCallObserver observer = ModelCallObserver.NONE;

  /** Who is told of every model and agent call of the components handed out from now on. */
  public void observeCalls(ModelCallObserver value) {
    observer = value == null ? ModelCallObserver.NONE : value;
  }

  public synchronized List<PluginStatus> plugins() {
    return entries.values().stream().map(Entry::status).sorted(Comparator.comparing(PluginStatus::jar)).toList();
  }

  /** A chat model of this type, made by its plugin's factory with these settings; every call is guarded. */
  public ChatModel chatModel(String type, PluginSettings settings) {
    LoadedPlugin plugin = providerOf(ComponentKind.CHAT_MODEL, type);
    ChatModel model = plugin.guard().call("creating chat-model:" + type, () -> plugin.chatModels().get(type).create(settings));
    return new GuardedChatModel(model, plugin.guard(), new ModelCallObserver.Call("chat", type, settings.get("model").orElse(type)),
        observer);
  }

  public AgentAdapter agentAdapter(String type, PluginSettings settings) {
    return agentAdapter(type, settings, null);
  }

  /**
   * An agent adapter whose every {@code run} must end within {@code callLimit} (a profile's
   * {@code orchestration.step_timeout_seconds}), or the plugin's own limit where that is shorter;
   * {@code null}: the plugin's limit.
   */
  public AgentAdapter agentAdapter(String type, PluginSettings settings, java.time.Duration callLimit) {
    LoadedPlugin plugin = providerOf(ComponentKind.AGENT_ADAPTER, type);
    AgentAdapter adapter = plugin.guard().call("creating agent-adapter:" + type, () -> plugin.agentAdapters().get(type).create(settings));
    return new GuardedAgentAdapter(adapter, plugin.guard().within(callLimit),
        new ModelCallObserver.Call("invoke_agent", type, settings.get("model").or(() -> settings.get("path")).orElse(type)), observer);
  }

  public Judge judge(String type, PluginSettings settings) {
    LoadedPlugin plugin = providerOf(ComponentKind.JUDGE, type);
    Judge judge = plugin.guard().call("creating judge:" + type, () -> plugin.judges().get(type).create(settings));
    return new GuardedJudge(judge, plugin.guard());
  }

  private synchronized LoadedPlugin providerOf(ComponentKind kind, String type) {
    return loaded().filter(p -> p.descriptor().provides().contains(new Component(kind, type))).findFirst()
        .orElseThrow(() -> new PluginException("no loaded plugin provides " + kind.wireName() + ":" + type));
  }

  private Stream<LoadedPlugin> loaded() {
    return entries.values().stream().map(Entry::plugin).filter(p -> p != null);
  }

  private Entry load(Path jar, String fingerprint) {
    String name = jar.getFileName().toString();
    PluginDescriptor descriptor = null;
    String sha256 = null;
    PluginClassLoader loader = null;
    try {
      policy.refusal(jar).ifPresent(reason -> {
        throw new PluginLoadException(reason);
      });
      sha256 = PluginJarPolicy.sha256(jar);
      descriptor = readDescriptor(jar);
      checkSpiVersion(descriptor.spiVersion());
      checkUnique(descriptor);
      loader = new PluginClassLoader(descriptor.id(), jar, ChatModelFactory.class.getClassLoader());
      PluginGuard guard = new PluginGuard(descriptor.id(), loader, executor, descriptor.callTimeLimitWithin(callTimeLimit));
      LoadedPlugin plugin = new LoadedPlugin(descriptor, guard,
          factories(guard, loader, ChatModelFactory.class, ChatModelFactory::type),
          factories(guard, loader, AgentAdapterFactory.class, AgentAdapterFactory::type),
          factories(guard, loader, JudgeFactory.class, JudgeFactory::type));
      checkProvides(descriptor, plugin);
      LOG.info(() -> "Loaded plugin " + plugin.descriptor().id() + " " + plugin.descriptor().version() + " from " + name
          + ", providing " + plugin.descriptor().provides());
      return new Entry(fingerprint, status(name, descriptor, sha256, PluginStatus.LOADED, null), plugin);
    } catch (PluginLoadException | PluginException e) {
      return failed(jar, fingerprint, descriptor, sha256, loader, e.getMessage(), e);
    } catch (RuntimeException | IOException | LinkageError | ServiceConfigurationError e) {
      return failed(jar, fingerprint, descriptor, sha256, loader, PluginGuard.describe(e), e);
    }
  }

  private Entry failed(Path jar, String fingerprint, PluginDescriptor descriptor, String sha256, PluginClassLoader loader,
      String reason, Throwable cause) {
    String name = jar.getFileName().toString();
    LOG.log(Level.WARNING, "Plugin " + name + " was not loaded: " + reason, cause instanceof PluginLoadException ? null : cause);
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the class loader of " + name, e);
      }
    }
    return new Entry(fingerprint, status(name, descriptor, sha256, PluginStatus.FAILED, reason), null);
  }

  private static PluginStatus status(String jar, PluginDescriptor d, String sha256, String state, String error) {
    return new PluginStatus(jar, d == null ? null : d.id(), d == null ? null : d.version(), d == null ? null : d.spiVersion(),
        d == null ? List.of() : d.provides().stream().map(Component::toString).toList(), sha256, state, error);
  }

  private static PluginDescriptor readDescriptor(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      var entry = file.getJarEntry(PluginDescriptor.LOCATION);
      if (entry == null) {
        throw new PluginLoadException("no descriptor: the JAR has no " + PluginDescriptor.LOCATION);
      }
      Properties properties = new Properties();
      try (InputStream in = file.getInputStream(entry)) {
        properties.load(in);
      }
      return PluginDescriptor.parse(properties);
    } catch (IOException e) {
      throw new PluginLoadException("not a readable JAR: " + e.getMessage(), e);
    }
  }

  /** Same major version, and a minor version not newer than the server's. */
  static void checkSpiVersion(String pluginVersion) {
    int[] plugin = majorMinor(pluginVersion, "the plugin's spi-version");
    int[] server = majorMinor(SpiVersion.CURRENT, "the server's SPI version");
    if (plugin[0] != server[0] || plugin[1] > server[1]) {
      throw new PluginLoadException("built for SPI " + pluginVersion + ", but this server implements SPI "
          + SpiVersion.CURRENT + " (the major versions must match and the plugin's minor version must not be newer)");
    }
  }

  private static int[] majorMinor(String version, String what) {
    String[] parts = version.trim().split("\\.");
    try {
      return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
    } catch (NumberFormatException e) {
      throw new PluginLoadException(what + " '" + version + "' is not major.minor");
    }
  }

  private void checkUnique(PluginDescriptor descriptor) {
    for (Entry other : entries.values()) {
      if (other.plugin() == null) {
        continue;
      }
      PluginDescriptor taken = other.plugin().descriptor();
      if (taken.id().equals(descriptor.id())) {
        throw new PluginLoadException("the id '" + descriptor.id() + "' is already used by " + other.status().jar());
      }
      for (Component component : descriptor.provides()) {
        if (taken.provides().contains(component)) {
          throw new PluginLoadException(component + " is already provided by plugin '" + taken.id() + "'");
        }
      }
    }
  }

  private <F> Map<String, F> factories(PluginGuard guard, ClassLoader loader, Class<F> type, java.util.function.Function<F, String> typeName) {
    return guard.call("loading " + type.getSimpleName(), () -> {
      Map<String, F> found = new LinkedHashMap<>();
      for (F factory : ServiceLoader.load(type, loader)) {
        found.put(typeName.apply(factory), factory);
      }
      return found;
    });
  }

  private static void checkProvides(PluginDescriptor descriptor, LoadedPlugin plugin) {
    List<String> found = new ArrayList<>();
    plugin.chatModels().keySet().forEach(t -> found.add(new Component(ComponentKind.CHAT_MODEL, t).toString()));
    plugin.agentAdapters().keySet().forEach(t -> found.add(new Component(ComponentKind.AGENT_ADAPTER, t).toString()));
    plugin.judges().keySet().forEach(t -> found.add(new Component(ComponentKind.JUDGE, t).toString()));
    if (found.isEmpty()) {
      throw new PluginLoadException("no provider: the JAR has no META-INF/services entry for any ATLAS factory");
    }
    List<String> declared = descriptor.provides().stream().map(Component::toString).toList();
    List<String> missing = declared.stream().filter(d -> !found.contains(d)).toList();
    List<String> undeclared = found.stream().filter(f -> !declared.contains(f)).toList();
    if (!missing.isEmpty()) {
      throw new PluginLoadException("the descriptor declares " + missing + " but the JAR provides only " + found);
    }
    if (!undeclared.isEmpty()) {
      throw new PluginLoadException("the JAR provides " + undeclared + ", which its descriptor does not declare");
    }
  }

  private List<Path> listJars() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list the plugins folder " + folder, e);
      return List.copyOf(entries.keySet());
    }
  }

  private static String fingerprint(Path jar) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
      return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return "unreadable";
    }
  }

}
