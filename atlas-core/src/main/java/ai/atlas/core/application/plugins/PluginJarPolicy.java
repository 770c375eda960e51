package ai.atlas.core.application.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which plugin JARs may be loaded: only regular {@code .jar} files directly inside the configured
 * plugins folder (no symbolic links out of it, no sub-folders), and, when an allow-list of SHA-256
 * checksums is configured, only JARs whose checksum is on it.
 */
public final class PluginJarPolicy {

  private final Path folder;
  private final Set<String> allowedSha256;

  /** @param allowedSha256 hex checksums; empty to allow any JAR of the folder */
  public PluginJarPolicy(Path folder, Set<String> allowedSha256) {
    this.folder = folder.toAbsolutePath().normalize();
    this.allowedSha256 = allowedSha256.stream().map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }

  /** Parses a comma- or whitespace-separated list of checksums, as configuration gives it. */
  public static Set<String> parseChecksums(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    Set<String> checksums = Set.of(list.trim().split("[,\\s]+"));
    for (String checksum : checksums) {
      if (!checksum.matches("(?i)[0-9a-f]{64}")) {
        throw new IllegalArgumentException("'" + checksum + "' is not a SHA-256 checksum (64 hex digits)");
      }
    }
    return checksums;
  }

  /** Why this JAR must not be loaded, or empty when it may be. */
  public Optional<String> refusal(Path jar) {
    Path candidate = jar.toAbsolutePath().normalize();
    if (!candidate.getFileName().toString().endsWith(".jar")) {
      return Optional.of(jar.getFileName() + " is not a .jar file");
    }
    if (!folder.equals(candidate.getParent())) {
      return Optional.of(jar + " is not directly inside the plugins folder " + folder);
    }
    if (!Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(jar.getFileName() + " is not a regular file (links are not followed)");
    }
    if (!allowedSha256.isEmpty()) {
      String sha = sha256(candidate);
      if (!allowedSha256.contains(sha)) {
        return Optional.of(jar.getFileName() + " has SHA-256 " + sha + ", which is not on the allow-list");
      }
    }
    return Optional.empty();
  }

  public static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
