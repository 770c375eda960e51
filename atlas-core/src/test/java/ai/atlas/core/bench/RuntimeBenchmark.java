package ai.atlas.core.bench;

import ai.atlas.core.application.trace.ExportFormat;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.infrastructure.persistence.jpa.JpaSessionRepository;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.profile.OrchestrationSettings;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.runtime.Orchestrator;
import ai.atlas.core.runtime.RunResult;
import ai.atlas.core.runtime.SessionEvents;
import ai.atlas.core.runtime.SessionRecorder;
import ai.atlas.core.testing.TestDatabase;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.TokenUsage;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime's own costs, printed as a table (not a test: numbers depend on the machine):
 * orchestration overhead per session with instant student and teacher doubles (p50/p99), sessions
 * recorded per second on H2, and export throughput with peak heap for growing numbers of stored
 * sessions, which must stay flat (keyset paging streams, it does not load).
 *
 * <p>Run: {@code ./mvnw -q -pl atlas-core -am test-compile && ./mvnw -q -pl atlas-core exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=ai.atlas.core.bench.RuntimeBenchmark}
 */
public final class RuntimeBenchmark {

  private record Page(List<String> lines, long lastId) {}

  public static void main(String[] args) throws Exception {
    System.out.println("| measure | value |");
    System.out.println("|---|---|");
    orchestrationOverhead();
    recordingRate();
    for (int count : new int[] {2_500, 5_000, 10_000}) {
      exportThroughput(count);
    }
  }

  private static void orchestrationOverhead() {
    Orchestrator paired = new Orchestrator(
        task -> new AgentAnswer("42", List.of(), List.of(), new TokenUsage(10, 2), Map.of()),
        request -> new ChatResponse(ChatMessage.assistant("{\"valid\": true}"), new TokenUsage(8, 3), null, "stop"),
        Optional.empty(), OrchestrationSettings.DEFAULTS.withForced(Lane.PAIRED), PromptTemplates.defaults());
    Orchestrator coach = new Orchestrator(
        task -> new AgentAnswer(task.task().startsWith("Plan") ? "1. a\n2. b\n3. c" : "42", List.of(), List.of(), TokenUsage.ZERO, Map.of()),
        request -> new ChatResponse(ChatMessage.assistant("{\"valid\": true, \"approved\": true}"), TokenUsage.ZERO, null, "stop"),
        Optional.empty(), OrchestrationSettings.DEFAULTS.withForced(Lane.COACH), PromptTemplates.defaults());
    for (var lane : List.of(Map.entry("paired", paired), Map.entry("coach (3 steps)", coach))) {
      int runs = 20_000;
      long[] nanos = new long[runs];
      for (int i = 0; i < 2_000; i++) {
        lane.getValue().run("What is 6*7?", List.of(), List.of(), SessionEvents.NONE);
      }
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        lane.getValue().run("What is 6*7?", List.of(), List.of(), (type, payload) -> {});
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.printf("| orchestration overhead, %s lane, instant doubles: p50 / p99 | %.3f ms / %.3f ms |%n", lane.getKey(),
          nanos[runs / 2] / 1e6, nanos[runs * 99 / 100] / 1e6);
    }
  }

  private static void recordingRate() {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      int sessions = 2_000;
      RunResult result = new RunResult(SessionStatus.SUCCEEDED, Lane.PAIRED, "42", List.of(),
          List.of(new RunResult.Step("answer", "42", List.of(new RunResult.Attempt(1, null, "42", true, null)), true, List.of())),
          new TokenUsage(20, 5), 0.0001, null);
      long start = System.nanoTime();
      for (int i = 0; i < sessions; i++) {
        long id = db.inTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, Clock.systemUTC()).start("bench", "What is 6*7?", "key", Map.of()));
        for (int e = 0; e < 4; e++) {
          int seq = e;
          db.runInTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, Clock.systemUTC()).event(id, "student.call", Map.of("attempt", seq, "answer", "42")));
        }
        db.runInTransaction(em -> new SessionRecorder(new JpaSessionRepository(em), em, Clock.systemUTC()).finish(id, result, 1.0, null));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("| sessions recorded per second (start + 4 events + finish, each its own transaction, H2 in memory) | %.0f |%n",
          sessions / seconds);
    }
  }

  private static void exportThroughput(int count) {
    try (TestDatabase db = TestDatabase.create("h2").migrated()) {
      for (int batch = 0; batch < count / 500; batch++) {
        db.runInTransaction(em -> {
          for (int i = 0; i < 500; i++) {
            AgentSession s = new AgentSession("What is 6*7? " + "context ".repeat(40), Instant.now());
            s.addStep("multiply").finish("42", "validated", 1.0);
            s.addStep("answer").finish("The answer is 42.", "validated", 1.0);
            for (int e = 0; e < 5; e++) {
              s.recordEvent("student.call", "{\"attempt\":" + e + ",\"answer\":\"42\"}", Instant.now());
            }
            s.complete(SessionStatus.SUCCEEDED, "42", Instant.now());
            em.persist(s);
          }
        });
      }
      System.gc();
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
      long start = System.nanoTime();
      long[] lines = {0};
      long lastId = 0;
      Writer out = new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
      while (true) {
        long after = lastId;
        Page page = db.inTransaction(em -> {
          List<AgentSession> found = new JpaSessionRepository(em).findAfter(SessionQuery.all(), after, 100);
          List<String> text = found.stream().flatMap(s -> ExportFormat.ATLAS.lines(s).stream()).map(Object::toString).toList();
          return new Page(text, found.isEmpty() ? after : found.get(found.size() - 1).getId());
        });
        if (page.lines().isEmpty()) {
          break;
        }
        for (String line : page.lines()) {
          try {
            out.write(line);
            out.write('\n');
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          lines[0]++;
        }
        lastId = page.lastId();
        // each page's entities leave with its entity manager: nothing accumulates
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.gc();
      long retained = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum() - before;
      System.out.printf("| export of %,d stored sessions (atlas, keyset pages of 100): sessions/s; peak heap in use (incl. garbage) / retained after | %.0f /s; %.0f MiB / %.1f MiB (max heap %d MiB) |%n",
          count, lines[0] / seconds, peak / 1048576.0, retained / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
    }
  }
}
