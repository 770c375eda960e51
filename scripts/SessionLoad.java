import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load harness for the session queue: submits sessions from many concurrent callers, waits until
 * every accepted one is over, then reads each back and prints what happened (accepted, refused,
 * 5xx, lost, statuses, latencies). A JDK single-file program, so it needs nothing but a JDK:
 *
 * <pre>
 *   java scripts/SessionLoad.java --server http://localhost:9080 --user admin --password ... \
 *       --sessions 10000 --callers 64 --profile demo-local
 * </pre>
 *
 * A 429 is retried after its Retry-After (that is what a well-behaved client does, and it is how
 * the queue's bound shows up); any other refusal or 5xx is counted and not retried. It exits 1
 * when a session was lost (accepted but not readable with a finished status) or a 5xx came back.
 */
public class SessionLoad {

  /** One session of a listing: a flat object (summaries nest nothing). */
  private static final Pattern ITEM = Pattern.compile("\\{[^{}]*\"id\"[^{}]*\\}");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");
  private static final Pattern CREATED = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern COMPLETED = Pattern.compile("\"completedAt\"\\s*:\\s*\"([^\"]+)\"");

  private final String server;
  private final String authorization;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  SessionLoad(String server, String authorization) {
    this.server = server.replaceAll("/+$", "");
    this.authorization = authorization;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String server = options.getOrDefault("server", env("ATLAS_SERVER", "http://localhost:9080"));
    String token = options.getOrDefault("token", env("ATLAS_TOKEN", null));
    String authorization = token != null ? "Bearer " + token : "Basic " + Base64.getEncoder().encodeToString(
        (options.getOrDefault("user", env("ATLAS_USER", "admin")) + ":" + options.getOrDefault("password", env("ATLAS_PASSWORD", "")))
            .getBytes(StandardCharsets.UTF_8));
    int sessions = Integer.parseInt(options.getOrDefault("sessions", "1000"));
    int callers = Integer.parseInt(options.getOrDefault("callers", "32"));
    String profile = options.getOrDefault("profile", "demo-local");
    String task = options.getOrDefault("task", "What is letter 7 of k, q, m, t, z, b, c, w?");
    String reference = options.getOrDefault("reference", "c");
    long waitSeconds = Long.parseLong(options.getOrDefault("wait-seconds", "3600"));
    if (sessions < 1 || callers < 1) {
      System.err.println("--sessions and --callers must be at least 1");
      System.exit(2);
    }
    Report report = new SessionLoad(server, authorization).run(sessions, callers, profile, task, reference, waitSeconds);
    report.print(sessions, callers, profile);
    System.exit(report.lost() == 0 && report.serverErrors.get() == 0 ? 0 : 1);
  }

  /** What a run saw. */
  static final class Report {
    final List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<Long> submitMillis = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger retried429 = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    final Map<String, Integer> statuses = new TreeMap<>();
    final List<Long> queueToEndMillis = new ArrayList<>();
    String learningKey;
    int unreadable;
    int unfinished;
    double submitSeconds;
    double drainSeconds;

    int lost() {
      return unreadable + unfinished;
    }

    void print(int sessions, int callers, String profile) {
      List<String[]> rows = new ArrayList<>();
      rows.add(row("sessions submitted", sessions + " by " + callers + " callers, profile " + profile));
      rows.add(row("accepted (202)", Integer.toString(accepted.size())));
      rows.add(row("429 answers, retried after Retry-After", Integer.toString(retried429.get())));
      rows.add(row("refused otherwise (4xx)", refused.isEmpty() ? "0" : refused.toString()));
      rows.add(row("5xx answers", Integer.toString(serverErrors.get())));
      rows.add(row("no answer (server down; not accepted)", Integer.toString(noAnswer.get())));
      rows.add(row("lost (unreadable or not finished)", Integer.toString(lost())));
      rows.add(row("final statuses", statuses.toString()));
      rows.add(row("submit latency p50 / p99 / max (ms)", percentiles(submitMillis)));
      rows.add(row("queued to finished p50 / p99 / max (ms)", percentiles(queueToEndMillis)));
      rows.add(row("submitting took (s)", String.format(Locale.ROOT, "%.1f", submitSeconds)));
      rows.add(row("submit to all finished (s)", String.format(Locale.ROOT, "%.1f", drainSeconds)));
      rows.add(row("sessions finished per second", String.format(Locale.ROOT, "%.1f", accepted.size() / Math.max(drainSeconds, 1e-9))));
      rows.add(row("learning key of the run", learningKey));
      int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
      System.out.println("| " + pad("measure", width) + " | value |");
      System.out.println("|" + "-".repeat(width + 2) + "|-------|");
      rows.forEach(r -> System.out.println("| " + pad(r[0], width) + " | " + r[1] + " |"));
    }

    private static String[] row(String name, String value) {
      return new String[] {name, value};
    }

    private static String pad(String s, int width) {
      return s + " ".repeat(Math.max(0, width - s.length()));
    }
  }

  Report run(int sessions, int callers, String profile, String task, String reference, long waitSeconds) throws Exception {
    Report report = new Report();
    report.learningKey = "load/" + UUID.randomUUID().toString().substring(0, 8);
    String body = "{\"profile\":\"" + json(profile) + "\",\"task\":\"" + json(task) + "\",\"metadata\":{\"reference\":\""
        + json(reference) + "\",\"learning_key\":\"" + report.learningKey + "\"}}";
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    for (int c = 0; c < callers; c++) {
      pool.execute(() -> {
        while (next.getAndIncrement() < sessions) {
          submit(body, report);
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(waitSeconds, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
    long submitted = System.nanoTime();
    report.submitSeconds = (submitted - started) / 1e9;
    awaitDrained(report.learningKey, Instant.now().plusSeconds(waitSeconds));
    report.drainSeconds = (System.nanoTime() - started) / 1e9;
    readBack(report);
    return report;
  }

  private void submit(String body, Report report) {
    while (true) {
      long t0 = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = http.send(request("/api/sessions").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        report.noAnswer.incrementAndGet(); // the server is down: this one was never accepted
        return;
      }
      int status = response.statusCode();
      if (status == 429) {
        report.retried429.incrementAndGet();
        long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
        sleep(Duration.ofSeconds(Math.max(1, wait)));
        continue;
      }
      report.submitMillis.add((System.nanoTime() - t0) / 1_000_000);
      if (status == 202 || status == 200) {
        Matcher id = ID.matcher(response.body());
        if (id.find()) {
          report.accepted.add(Long.parseLong(id.group(1)));
          return;
        }
      }
      if (status >= 500) {
        report.serverErrors.incrementAndGet();
      } else {
        report.refused.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
      }
      return;
    }
  }

  /** Waits until no session of the run's learning key is queued or running, through a server restart too. */
  private void awaitDrained(String learningKey, Instant deadline) throws Exception {
    while (Instant.now().isBefore(deadline)) {
      if (count(learningKey, "queued") + count(learningKey, "running") == 0) {
        return;
      }
      sleep(Duration.ofMillis(500));
    }
  }

  private long count(String learningKey, String status) {
    HttpResponse<String> response;
    try {
      response = http.send(request("/api/sessions?size=1&status=" + status + "&learningKey=" + learningKey)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      return 1; // the server does not answer (restarting, say): keep waiting
    }
    Matcher total = TOTAL.matcher(response.body());
    if (response.statusCode() != 200 || !total.find()) {
      return 1; // not known: keep waiting
    }
    return Long.parseLong(total.group(1));
  }

  /**
   * Reads every session of the run back, from the listing of its learning key (flat summaries, 200
   * a page): each accepted session must be there and be over.
   */
  private void readBack(Report report) throws Exception {
    Map<Long, String> items = new java.util.HashMap<>();
    for (int page = 0; ; page++) {
      HttpResponse<String> response = http.send(request("/api/sessions?size=200&page=" + page + "&learningKey=" + report.learningKey)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("listing the run's sessions answered " + response.statusCode() + ": " + response.body());
      }
      Matcher item = ITEM.matcher(response.body());
      int found = 0;
      while (item.find()) {
        Matcher id = ID.matcher(item.group());
        if (id.find()) {
          items.put(Long.parseLong(id.group(1)), item.group());
          found++;
        }
      }
      if (found < 200) {
        break;
      }
    }
    for (long id : report.accepted) {
      String item = items.get(id);
      if (item == null) {
        report.unreadable++;
        continue;
      }
      String status = first(STATUS, item);
      report.statuses.merge(status == null ? "?" : status, 1, Integer::sum);
      if (status == null || status.equals("queued") || status.equals("running")) {
        report.unfinished++;
      }
      String created = first(CREATED, item);
      String completed = first(COMPLETED, item);
      if (created != null && completed != null) {
        report.queueToEndMillis.add(Duration.between(Instant.parse(created), Instant.parse(completed)).toMillis());
      }
    }
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server + path)).header("Authorization", authorization).timeout(Duration.ofMinutes(2));
  }

  private static String percentiles(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    if (sorted.isEmpty()) {
      return "-";
    }
    Collections.sort(sorted);
    return at(sorted, 0.50) + " / " + at(sorted, 0.99) + " / " + sorted.get(sorted.size() - 1);
  }

  private static long at(List<Long> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.println("usage: java scripts/SessionLoad.java [--server URL] [--token T | --user U --password P] "
            + "[--sessions N] [--callers C] [--profile P] [--task T] [--reference R] [--wait-seconds S]");
        System.exit(2);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
