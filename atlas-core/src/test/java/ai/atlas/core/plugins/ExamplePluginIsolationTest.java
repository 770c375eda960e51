package ai.atlas.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.application.plugins.PluginJarPolicy;
import ai.atlas.core.application.secrets.Secrets;
import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party plugin (plugins/examples/json-judge) bundles Parsson 1.1.5 while these
 * tests run with Parsson 1.1.7 on the class path: loaded by the registry, its judge parses with its
 * own copy, and the server side keeps its own.
 */
class ExamplePluginIsolationTest {

  @TempDir Path plugins;

  @Test
  void theExamplePluginRunsWithItsBundledLibraryBesideTheServersOwn() throws IOException {
    Path built = Path.of(System.getProperty("atlas.test.pluginsDir", "target/test-plugins"), "example-json-judge.jar");
    Files.copy(built, plugins.resolve("example-json-judge.jar"));
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      PluginRegistry registry = new PluginRegistry(plugins, new PluginJarPolicy(plugins, Set.of()), executor, Duration.ofSeconds(10));
      assertThat(registry.rescan()).singleElement().satisfies(s -> {
        assertThat(s.loaded()).as(s.error()).isTrue();
        assertThat(s.provides()).containsExactly("judge:json-valid");
      });

      Judge judge = registry.judge("json-valid", SettingsMap.of(Map.of(), new Secrets(Map.of(), null)));

      var valid = judge.judge(Interaction.of("give JSON", "{\"answer\": 42}", null));
      assertThat(valid.score()).isEqualTo(1.0);
      assertThat(valid.rationale()).contains("parsson from example-json-judge.jar");
      assertThat(judge.judge(Interaction.of("give JSON", "{answer: 42", null)).score()).isEqualTo(0.0);
      // The tests' own provider is the class path's Parsson, a different JAR.
      String ours = JsonProvider.provider().getClass().getProtectionDomain().getCodeSource().getLocation().getPath();
      assertThat(ours).contains("parsson-1.1.7").doesNotContain("example-json-judge");
    } finally {
      executor.shutdownNow();
    }
  }
}
