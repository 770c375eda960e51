package ai.atlas.core.application.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarPolicyTest {

  @TempDir Path root;

  @Test
  void jarsDirectlyInThePluginsFolderAreAllowedWithoutAnAllowList() throws IOException {
    Path plugins = Files.createDirectory(root.resolve("plugins"));
    Path jar = Files.writeString(plugins.resolve("judge.jar"), "jar bytes");

    assertThat(new PluginJarPolicy(plugins, Set.of()).refusal(jar)).isEmpty();
  }

  @Test
  void jarsOutsideTheFolderInSubFoldersOrBehindLinksAreRefused() throws IOException {
    Path plugins = Files.createDirectory(root.resolve("plugins"));
    Path outside = Files.writeString(root.resolve("evil.jar"), "x");
    Path nested = Files.writeString(Files.createDirectory(plugins.resolve("sub")).resolve("n.jar"), "x");
    Path link = Files.createSymbolicLink(plugins.resolve("link.jar"), outside);
    Path notJar = Files.writeString(plugins.resolve("notes.txt"), "x");
    PluginJarPolicy policy = new PluginJarPolicy(plugins, Set.of());

    assertThat(policy.refusal(outside)).get().asString().contains("not directly inside");
    assertThat(policy.refusal(plugins.resolve("../evil.jar"))).get().asString().contains("not directly inside");
    assertThat(policy.refusal(nested)).get().asString().contains("not directly inside");
    assertThat(policy.refusal(link)).get().asString().contains("not a regular file");
    assertThat(policy.refusal(notJar)).get().asString().contains("not a .jar");
  }

  @Test
  void withAnAllowListOnlyListedChecksumsLoad() throws IOException {
    Path plugins = Files.createDirectory(root.resolve("plugins"));
    Path good = Files.writeString(plugins.resolve("good.jar"), "good");
    Path bad = Files.writeString(plugins.resolve("bad.jar"), "bad");
    PluginJarPolicy policy = new PluginJarPolicy(plugins, Set.of(PluginJarPolicy.sha256(good).toUpperCase()));

    assertThat(policy.refusal(good)).isEmpty();
    assertThat(policy.refusal(bad)).get().asString().contains("not on the allow-list").contains(PluginJarPolicy.sha256(bad));
  }

  @Test
  void checksumListsAreParsedAndValidated() {
    String a = "a".repeat(64);
    String b = "B".repeat(64);
    assertThat(PluginJarPolicy.parseChecksums(a + ", " + b)).containsExactlyInAnyOrder(a, b);
    assertThat(PluginJarPolicy.parseChecksums("  ")).isEmpty();
    assertThatThrownBy(() -> PluginJarPolicy.parseChecksums("abc")).hasMessageContaining("'abc' is not a SHA-256 checksum");
  }
}
