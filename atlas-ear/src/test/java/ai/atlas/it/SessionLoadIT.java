package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The load harness users run ({@code java scripts/SessionLoad.java}), run here small: every session
 * many callers submit at once is accepted, none is lost, none answered 5xx. Its figures (latencies,
 * throughput) are printed, never asserted: they are docs/benchmarks.md's.
 */
class SessionLoadIT {

  @Test
  void sessionsFromManyConcurrentCallersAreAllAcceptedRunAndReadableWithNone5xx() throws Exception {
    Path harness = Path.of("..", "scripts", "SessionLoad.java").toAbsolutePath().normalize();
    assertThat(harness).exists();
    String password = Server.admin().authorization();
    String pair = new String(java.util.Base64.getDecoder().decode(password.substring("Basic ".length())), StandardCharsets.UTF_8);
    Path output = Files.createTempFile("session-load", ".txt");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), harness.toString(),
        "--server", Server.baseUrl(), "--user", "admin", "--password", pair.substring(pair.indexOf(':') + 1),
        "--sessions", "300", "--callers", "32", "--profile", "demo-local", "--wait-seconds", "300")
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(process.waitFor(420, TimeUnit.SECONDS)).as("the harness finished").isTrue();
    String printed = Files.readString(output);
    System.out.println(printed);

    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(value(printed, "accepted \\(202\\)")).isEqualTo("300");
    assertThat(value(printed, "5xx answers")).isEqualTo("0");
    assertThat(value(printed, "lost \\(unreadable or not finished\\)")).isEqualTo("0");
    assertThat(value(printed, "final statuses")).doesNotContain("queued", "running", "?");
  }

  private static String value(String table, String row) {
    Matcher m = Pattern.compile("\\| " + row + "\\s*\\| (.*) \\|").matcher(table);
    assertThat(m.find()).as("row '" + row + "' in\n" + table).isTrue();
    return m.group(1).strip();
  }
}
