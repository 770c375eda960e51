package ai.atlas.core.application.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The partitions queue that servers sharing a database claim from, on H2 and PostgreSQL. */
class PartitionWorkTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  static List<String> databases() {
    return TestDatabase.available();
  }

  private static <T> T work(TestDatabase db, Instant now, Function<PartitionWork, T> call) {
    return db.inTransaction(em -> call.apply(new PartitionWork(em, Clock.fixed(now, ZoneOffset.UTC))));
  }

  private static Optional<PartitionWork.Claimed> claim(TestDatabase db, String server) {
    return work(db, T0, w -> w.claim(server));
  }

  private static boolean yes(TestDatabase db, Instant now, Function<PartitionWork, Boolean> call) {
    return work(db, now, call);
  }

  private static int count(TestDatabase db, Instant now, Function<PartitionWork, Integer> call) {
    return work(db, now, call);
  }

  private static long id(TestDatabase db, Function<PartitionWork, Long> call) {
    return work(db, T0, call);
  }

  private static String status(TestDatabase db, long id) {
    return work(db, T0, w -> w.find(id).orElseThrow().status());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aPartitionIsClaimedOnceRunAndItsResultKept(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = work(db, T0, w -> w.submit(41, "judge", 0, "reward-eval", "{\"lines\": []}"));
      long other = work(db, T0, w -> w.submit(41, "judge", 1, "reward-eval", "{\"lines\": [1]}"));

      Optional<PartitionWork.Claimed> first = claim(db, "server-a");
      Optional<PartitionWork.Claimed> second = claim(db, "server-b");
      assertThat(first).contains(new PartitionWork.Claimed(id, "reward-eval", "{\"lines\": []}"));
      assertThat(second).contains(new PartitionWork.Claimed(other, "reward-eval", "{\"lines\": [1]}"));
      assertThat(claim(db, "server-a")).as("nothing left to claim").isEmpty();

      assertThat(yes(db, T0, w -> w.complete(id, "server-b", "{}"))).as("not b's to finish").isFalse();
      assertThat(yes(db, T0, w -> w.complete(id, "server-a", "{\"items\": 3}"))).isTrue();
      assertThat(yes(db, T0, w -> w.fail(other, "server-b", "the judge is down"))).isTrue();

      List<PartitionWork.Partition> partitions = work(db, T0, w -> w.ofInstance(41));
      assertThat(partitions).extracting(PartitionWork.Partition::partition, PartitionWork.Partition::status,
          PartitionWork.Partition::serverId).containsExactly(org.assertj.core.groups.Tuple.tuple(0, "done", "server-a"),
          org.assertj.core.groups.Tuple.tuple(1, "failed", "server-b"));
      assertThat(partitions.get(0).result()).isEqualTo("{\"items\": 3}");
      assertThat(partitions.get(1).error()).isEqualTo("the judge is down");
      assertThat(partitions.get(0).finishedAt()).isEqualTo(T0);

      // a restart of the job submits again: the done partition stays done, the failed one is queued again
      assertThat(id(db, w -> w.submit(41, "judge", 0, "reward-eval", "{\"lines\": []}"))).isEqualTo(id);
      assertThat(id(db, w -> w.submit(41, "judge", 1, "reward-eval", "{\"lines\": [2]}"))).isEqualTo(other);
      assertThat(status(db, id)).isEqualTo("done");
      assertThat(claim(db, "server-c")).contains(new PartitionWork.Claimed(other, "reward-eval", "{\"lines\": [2]}"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSilentServersPartitionIsQueuedAgainAndARestartedServerGivesUpItsOwn(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      long id = work(db, T0, w -> w.submit(42, "judge", 0, "reward-eval", "{}"));
      long own = work(db, T0, w -> w.submit(42, "judge", 1, "reward-eval", "{}"));
      work(db, T0, w -> w.claim("server-a"));
      work(db, T0, w -> w.claim("server-b"));
      Instant later = T0.plusSeconds(30);
      assertThat(yes(db, later, w -> w.heartbeat(own, "server-b"))).isTrue();

      // a minute after a's last word, only a's partition is abandoned
      assertThat(count(db, T0.plusSeconds(61), w -> w.requeueSilent(Duration.ofSeconds(60)))).isEqualTo(1);
      assertThat(status(db, id)).isEqualTo("queued");
      assertThat(yes(db, T0, w -> w.heartbeat(id, "server-a"))).as("a lost it").isFalse();
      assertThat(yes(db, T0, w -> w.complete(id, "server-a", "{}"))).isFalse();

      // b restarts: what it was running goes back to the queue
      assertThat(count(db, later, w -> w.requeueOwn("server-b"))).isEqualTo(1);
      assertThat(status(db, own)).isEqualTo("queued");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void serversClaimingAtOnceNeverTakeTheSamePartition(String kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      int partitions = 24;
      for (int p = 0; p < partitions; p++) {
        int number = p;
        work(db, T0, w -> w.submit(43, "judge", number, "reward-eval", "{}"));
      }
      ExecutorService servers = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Long>>> claims = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
          String server = "server-" + s;
          Callable<List<Long>> claimAll = () -> {
            List<Long> mine = new ArrayList<>();
            Optional<PartitionWork.Claimed> next;
            while ((next = claimOrRetry(db, server)).isPresent()) {
              mine.add(next.get().id());
            }
            return mine;
          };
          claims.add(servers.submit(claimAll));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> claim : claims) {
          all.addAll(claim.get());
        }
        assertThat(all).hasSize(partitions).doesNotHaveDuplicates();
      } finally {
        servers.shutdownNow();
      }
    }
  }

  /** A claim that lost a race to a lock (PostgreSQL may abort one of two conflicting updates) tries again. */
  private static Optional<PartitionWork.Claimed> claimOrRetry(TestDatabase db, String server) {
    for (int attempt = 0; ; attempt++) {
      try {
        return claim(db, server);
      } catch (RuntimeException e) {
        if (attempt > 20) {
          throw e;
        }
      }
    }
  }
}
