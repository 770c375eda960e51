package ai.atlas.core.plugins;

import static ai.atlas.core.plugins.PluginJarBuilder.plugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.application.plugins.PluginJarPolicy;
import ai.atlas.core.application.secrets.Secrets;
import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.JudgeFactory;
import ai.atlas.spi.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

  @TempDir Path plugins;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** A judge whose rationale reports the context class loader it runs under, and which sleeps on "slow". */
  private static String judgeSource(String pkg, String type, String constructorBody) {
    return """
        package %1$s;
        import ai.atlas.spi.*;
        public class Factory implements JudgeFactory {
          public Factory() { %3$s }
          public String type() { return "%2$s"; }
          public Judge create(PluginSettings settings) {
            if (settings.get("fail").isPresent()) throw new PluginException("the setting 'fail' says so");
            return interaction -> {
              if (interaction.answer().equals("slow")) {
                try { Thread.sleep(10_000); } catch (InterruptedException e) { throw new PluginException("interrupted"); }
              }
              String loader = String.valueOf(Thread.currentThread().getContextClassLoader().getName());
              return Judgement.certain(interaction.answer().equals(interaction.reference()) ? 1 : 0, loader);
            };
          }
        }
        """.formatted(pkg, type, constructorBody);
  }

  private Path exactJudge(String file, String id, String type) throws IOException {
    String pkg = "test." + id.replace('-', '_');
    return plugin().source(pkg + ".Factory", judgeSource(pkg, type, ""))
        .descriptor(id, "1.0", "judge:" + type)
        .service(JudgeFactory.class, pkg + ".Factory")
        .writeTo(plugins.resolve(file));
  }

  private PluginRegistry registry(Set<String> allowed) {
    return new PluginRegistry(plugins, new PluginJarPolicy(plugins, allowed), executor, Duration.ofMillis(500));
  }

  private static PluginStatus only(List<PluginStatus> statuses) {
    assertThat(statuses).hasSize(1);
    return statuses.get(0);
  }

  @Test
  void aGoodPluginLoadsAndItsJudgeRunsUnderThePluginsClassLoader() throws IOException {
    exactJudge("exact.jar", "exact-judges", "exact");
    PluginRegistry registry = registry(Set.of());

    PluginStatus status = only(registry.rescan());
    Judge judge = registry.judge("exact", SettingsMap.of(Map.of(), new Secrets(Map.of(), null)));

    assertThat(status.loaded()).isTrue();
    assertThat(status.id()).isEqualTo("exact-judges");
    assertThat(status.provides()).containsExactly("judge:exact");
    assertThat(status.sha256()).hasSize(64);
    assertThat(judge.judge(Interaction.of("2+2", "4", "4")).score()).isEqualTo(1.0);
    assertThat(judge.judge(Interaction.of("2+2", "5", "4")).score()).isEqualTo(0.0);
    assertThat(judge.judge(Interaction.of("2+2", "4", "4")).rationale()).isEqualTo("plugin:exact-judges");
  }

  @Test
  void aJarWithoutADescriptorFails() throws IOException {
    plugin().source("test.nodesc.Factory", judgeSource("test.nodesc", "x", ""))
        .service(JudgeFactory.class, "test.nodesc.Factory").writeTo(plugins.resolve("nodesc.jar"));

    PluginStatus status = only(registry(Set.of()).rescan());

    assertThat(status.state()).isEqualTo("failed");
    assertThat(status.error()).contains("no descriptor").contains("META-INF/atlas-plugin.properties");
  }

  @Test
  void aPluginBuiltForAnotherSpiVersionFails() throws IOException {
    plugin().source("test.future.Factory", judgeSource("test.future", "x", ""))
        .descriptor("future", "1.9", "judge:x").service(JudgeFactory.class, "test.future.Factory")
        .writeTo(plugins.resolve("future.jar"));
    plugin().descriptor("old", "0.9", "judge:y").writeTo(plugins.resolve("old.jar"));

    List<PluginStatus> statuses = registry(Set.of()).rescan();

    assertThat(statuses).allSatisfy(s -> assertThat(s.error()).contains("but this server implements SPI " + ai.atlas.spi.SpiVersion.CURRENT));
  }

  @Test
  void aPluginWithoutAProviderFails() throws IOException {
    plugin().descriptor("empty", "1.0", "judge:nothing").writeTo(plugins.resolve("empty.jar"));

    assertThat(only(registry(Set.of()).rescan()).error()).startsWith("no provider");
  }

  @Test
  void aDescriptorThatDoesNotMatchTheProvidersFails() throws IOException {
    plugin().source("test.liar.Factory", judgeSource("test.liar", "real", ""))
        .descriptor("liar", "1.0", "judge:claimed").service(JudgeFactory.class, "test.liar.Factory")
        .writeTo(plugins.resolve("liar.jar"));

    assertThat(only(registry(Set.of()).rescan()).error()).contains("declares [judge:claimed] but the JAR provides only [judge:real]");
  }

  @Test
  void aConstructorThatThrowsFailsThatPluginOnly() throws IOException {
    plugin().source("test.boom.Factory", judgeSource("test.boom", "boom", "throw new IllegalStateException(\"no licence\");"))
        .descriptor("boom", "1.0", "judge:boom").service(JudgeFactory.class, "test.boom.Factory")
        .writeTo(plugins.resolve("a-boom.jar"));
    exactJudge("b-exact.jar", "exact-judges", "exact");

    List<PluginStatus> statuses = registry(Set.of()).rescan();

    assertThat(statuses.get(0).state()).isEqualTo("failed");
    assertThat(statuses.get(0).error()).contains("no licence");
    assertThat(statuses.get(1).loaded()).isTrue();
  }

  @Test
  void twoPluginsWithOneIdOrOneTypeLoadOnlyTheFirst() throws IOException {
    exactJudge("a.jar", "judges", "exact");
    exactJudge("b.jar", "judges", "other");
    exactJudge("c.jar", "more-judges", "exact");

    List<PluginStatus> statuses = registry(Set.of()).rescan();

    assertThat(statuses.get(0).loaded()).isTrue();
    assertThat(statuses.get(1).error()).isEqualTo("the id 'judges' is already used by a.jar");
    assertThat(statuses.get(2).error()).isEqualTo("judge:exact is already provided by plugin 'judges'");
  }

  @Test
  void anUnreadableJarAndOneOffTheAllowListFail() throws IOException {
    Files.writeString(plugins.resolve("garbage.jar"), "not a zip");
    Path good = exactJudge("good.jar", "good", "exact");
    String goodSha = PluginJarPolicy.sha256(good);
    exactJudge("unlisted.jar", "unlisted", "other");

    List<PluginStatus> statuses = registry(Set.of(goodSha, PluginJarPolicy.sha256(plugins.resolve("garbage.jar")))).rescan();

    assertThat(statuses).extracting(PluginStatus::jar).containsExactly("garbage.jar", "good.jar", "unlisted.jar");
    assertThat(statuses.get(0).error()).startsWith("not a readable JAR");
    assertThat(statuses.get(1).loaded()).isTrue();
    assertThat(statuses.get(2).error()).contains("not on the allow-list");
  }

  @Test
  void callsOverTheTimeLimitAndFailingFactoriesBecomePluginExceptions() throws IOException {
    exactJudge("exact.jar", "exact-judges", "exact");
    PluginRegistry registry = registry(Set.of());
    registry.rescan();
    Judge judge = registry.judge("exact", SettingsMap.of(Map.of(), new Secrets(Map.of(), null)));

    assertThatThrownBy(() -> judge.judge(Interaction.of("t", "slow", "x")))
        .isInstanceOf(PluginException.class).hasMessageContaining("did not finish judge within 0 s");
    assertThatThrownBy(() -> registry.judge("exact", SettingsMap.of(Map.of("fail", "yes"), new Secrets(Map.of(), null))))
        .isInstanceOf(PluginException.class).hasMessage("plugin 'exact-judges': the setting 'fail' says so");
    assertThatThrownBy(() -> registry.judge("missing", SettingsMap.of(Map.of(), new Secrets(Map.of(), null))))
        .isInstanceOf(PluginException.class).hasMessage("no loaded plugin provides judge:missing");
  }

  @Test
  void aDescriptorMayShortenTheCallTimeLimitButNeverLengthenIt() throws IOException {
    String pkg = "test.quick";
    plugin().source(pkg + ".Factory", judgeSource(pkg, "quick", ""))
        .resource(PluginDescriptor.LOCATION, "id=quick\nversion=1.0.0\nspi-version=1.0\nprovides=judge:quick\ncall-timeout-seconds=1\n")
        .service(JudgeFactory.class, pkg + ".Factory")
        .writeTo(plugins.resolve("quick.jar"));
    PluginRegistry generous = new PluginRegistry(plugins, new PluginJarPolicy(plugins, Set.of()), executor, Duration.ofSeconds(30));
    generous.rescan();
    Judge quick = generous.judge("quick", SettingsMap.of(Map.of(), new Secrets(Map.of(), null)));
    assertThatThrownBy(() -> quick.judge(Interaction.of("t", "slow", "x")))
        .isInstanceOf(PluginException.class).hasMessage("plugin 'quick' did not finish judge within 1 s");

    PluginRegistry strict = registry(Set.of()); // the server's 500 ms hold against the descriptor's 1 s
    strict.rescan();
    Judge stillQuick = strict.judge("quick", SettingsMap.of(Map.of(), new Secrets(Map.of(), null)));
    assertThatThrownBy(() -> stillQuick.judge(Interaction.of("t", "slow", "x")))
        .isInstanceOf(PluginException.class).hasMessageContaining("within 0 s");

    plugin().source("test.vague.Factory", judgeSource("test.vague", "vague", ""))
        .resource(PluginDescriptor.LOCATION, "id=vague\nversion=1.0.0\nspi-version=1.0\nprovides=judge:vague\ncall-timeout-seconds=soon\n")
        .service(JudgeFactory.class, "test.vague.Factory")
        .writeTo(plugins.resolve("vague.jar"));
    assertThat(generous.rescan()).anySatisfy(status -> {
      assertThat(status.jar()).isEqualTo("vague.jar");
      assertThat(status.error()).isEqualTo("the descriptor's call-timeout-seconds must be a whole number from 1 to 86400, not 'soon'");
    });
  }

  @Test
  void aProfilesStepTimeoutShortensTheAgentsCallsButNeverLengthensThem() throws IOException {
    String source = """
        package test.sleepy;
        import ai.atlas.spi.*;
        public class Factory implements AgentAdapterFactory {
          public String type() { return "sleepy"; }
          public AgentAdapter create(PluginSettings settings) {
            return task -> {
              try { Thread.sleep(Long.parseLong(task.task())); } catch (InterruptedException e) { throw new PluginException("interrupted"); }
              return new AgentAnswer("slept " + task.task(), java.util.List.of(), java.util.List.of(), TokenUsage.ZERO, java.util.Map.of());
            };
          }
        }
        """;
    plugin().source("test.sleepy.Factory", source).descriptor("sleepy", "1.0", "agent-adapter:sleepy")
        .service(ai.atlas.spi.AgentAdapterFactory.class, "test.sleepy.Factory").writeTo(plugins.resolve("sleepy.jar"));
    PluginRegistry generous = new PluginRegistry(plugins, new PluginJarPolicy(plugins, Set.of()), executor, Duration.ofSeconds(30));
    generous.rescan();
    SettingsMap none = SettingsMap.of(Map.of(), new Secrets(Map.of(), null));

    var stepLimited = generous.agentAdapter("sleepy", none, Duration.ofSeconds(1));
    assertThat(stepLimited.run(ai.atlas.spi.AgentTask.of("10")).answer()).isEqualTo("slept 10");
    assertThatThrownBy(() -> stepLimited.run(ai.atlas.spi.AgentTask.of("3000")))
        .isInstanceOf(PluginException.class).hasMessage("plugin 'sleepy' did not finish run within 1 s");

    var strict = registry(Set.of());
    strict.rescan();
    // a step timeout longer than the server's 500 ms does not lengthen it
    assertThatThrownBy(() -> strict.agentAdapter("sleepy", none, Duration.ofMinutes(5)).run(ai.atlas.spi.AgentTask.of("3000")))
        .isInstanceOf(PluginException.class).hasMessageContaining("did not finish run within 0 s");
  }

  @Test
  void aCallThatIgnoresItsInterruptionIsStoppedAndItsThreadServesTheNextCall() throws IOException {
    String pkg = "test.stubborn";
    String source = """
        package test.stubborn;
        import ai.atlas.spi.*;
        public class Factory implements JudgeFactory {
          public String type() { return "stubborn"; }
          public Judge create(PluginSettings settings) {
            return interaction -> {
              long until = System.currentTimeMillis() + (interaction.answer().equals("hang") ? 60_000 : 0);
              while (System.currentTimeMillis() < until) {
                try { Thread.sleep(50); } catch (InterruptedException ignored) { }
              }
              return Judgement.certain(1, "done");
            };
          }
        }
        """;
    plugin().source(pkg + ".Factory", source).descriptor("stubborn", "1.0", "judge:stubborn")
        .service(JudgeFactory.class, pkg + ".Factory").writeTo(plugins.resolve("stubborn.jar"));
    ExecutorService oneThread = Executors.newSingleThreadExecutor();
    try {
      PluginRegistry registry = new PluginRegistry(plugins, new PluginJarPolicy(plugins, Set.of()), oneThread, Duration.ofMillis(300));
      registry.rescan();
      Judge judge = registry.judge("stubborn", SettingsMap.of(Map.of(), new Secrets(Map.of(), null)));

      assertThatThrownBy(() -> judge.judge(Interaction.of("t", "hang", "x")))
          .isInstanceOf(PluginException.class).hasMessage("plugin 'stubborn' did not finish judge within 0 s");
      // The only worker thread was the hung call's: the next call gets it back, long before the 60 s are up.
      assertThat(judge.judge(Interaction.of("t", "quick", "x")).rationale()).isEqualTo("done");
    } finally {
      oneThread.shutdownNow();
    }
  }

  @Test
  void rescanPicksUpNewJarsAndForgetsRemovedOnes() throws IOException {
    Path first = exactJudge("first.jar", "first", "one");
    PluginRegistry registry = registry(Set.of());
    assertThat(registry.rescan()).extracting(PluginStatus::id).containsExactly("first");

    exactJudge("second.jar", "second", "two");
    Files.delete(first);

    assertThat(registry.rescan()).extracting(PluginStatus::id).containsExactly("second");
    assertThat(registry.judge("two", SettingsMap.of(Map.of(), new Secrets(Map.of(), null)))).isNotNull();
  }

  @Test
  void aPluginSeesItsOwnCopyOfAClassTheServerAlsoHas() throws IOException {
    // The server has org.h2.Driver on its class path; the plugin brings a class of the same name.
    String pkg = "test.iso";
    plugin()
        .source("org.h2.Driver", "package org.h2; public class Driver { public static String who() { return \"plugin's own\"; } }")
        .source(pkg + ".Factory", """
            package test.iso;
            import ai.atlas.spi.*;
            public class Factory implements JudgeFactory {
              public String type() { return "iso"; }
              public Judge create(PluginSettings s) { return i -> Judgement.certain(1, org.h2.Driver.who()); }
            }
            """)
        .descriptor("iso", "1.0", "judge:iso").service(JudgeFactory.class, pkg + ".Factory")
        .writeTo(plugins.resolve("iso.jar"));
    PluginRegistry registry = registry(Set.of());
    registry.rescan();

    String who = registry.judge("iso", SettingsMap.of(Map.of(), new Secrets(Map.of(), null))).judge(Interaction.of("t", "a", "a")).rationale();

    assertThat(who).isEqualTo("plugin's own");
  }

  @Test
  void spiVersionsAreComparedByMajorAndMinor() {
    PluginRegistry.checkSpiVersion("1.0");
    PluginRegistry.checkSpiVersion("1");
    PluginRegistry.checkSpiVersion("1.1");
    PluginRegistry.checkSpiVersion("1.2");
    assertThatThrownBy(() -> PluginRegistry.checkSpiVersion("1.3")).isInstanceOf(PluginLoadException.class);
    assertThatThrownBy(() -> PluginRegistry.checkSpiVersion("2.0")).isInstanceOf(PluginLoadException.class);
    assertThatThrownBy(() -> PluginRegistry.checkSpiVersion("one")).hasMessageContaining("is not major.minor");
  }
}
