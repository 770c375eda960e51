package ai.atlas.core.application.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partitions of batch steps that any server sharing the database may run: the server that
 * runs a job {@link #submit submits} one row per partition and waits for it; every server's
 * {@link PartitionRunner} {@link #claim claims} queued rows atomically (a conditional update, as the
 * session queue does), runs them and writes their result. This is what Liberty's batch JMS
 * dispatcher does with a queue, which Open Liberty does not have; the database is the queue here.
 */
@ApplicationScoped
@Transactional
public class PartitionWork {

  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  /** A partition a server has claimed: what to run. */
  public record Claimed(long id, String kind, String payload) {}

  /** A partition as stored. */
  public record Partition(long id, long instanceId, String stepName, int partition, String kind, String status, String serverId,
      String result, String error, Instant createdAt, Instant claimedAt, Instant finishedAt) {}

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private Clock clock = Clock.systemUTC();

  protected PartitionWork() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public PartitionWork(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /**
   * Queues partition {@code partition} of a step of a job instance and answers its id. A partition
   * that an earlier execution of the instance finished stays done (a restart does not repeat it);
   * one that failed is queued again with the new payload; one still queued or running is left so.
   */
  public long submit(long instanceId, String stepName, int partition, String kind, String payload) {
    Optional<Partition> existing = find(instanceId, stepName, partition);
    if (existing.isEmpty()) {
      em.createNativeQuery("INSERT INTO partition_work (instance_id, step_name, partition_number, kind, payload, status, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .setParameter(1, instanceId).setParameter(2, stepName).setParameter(3, partition).setParameter(4, kind)
          .setParameter(5, payload).setParameter(6, QUEUED).setParameter(7, now()).executeUpdate();
      return find(instanceId, stepName, partition).orElseThrow().id();
    }
    Partition found = existing.get();
    if (FAILED.equals(found.status())) {
      em.createNativeQuery("UPDATE partition_work SET status = ?, payload = ?, server_id = NULL, error = NULL, result = NULL,"
              + " claimed_at = NULL, heartbeat_at = NULL, finished_at = NULL WHERE id = ?")
          .setParameter(1, QUEUED).setParameter(2, payload).setParameter(3, found.id()).executeUpdate();
    }
    return found.id();
  }

  /** Claims the oldest queued partition for {@code serverId}; empty when none is queued or others took them first. */
  public Optional<Claimed> claim(String serverId) {
    @SuppressWarnings("unchecked")
    List<Object> candidates = em.createNativeQuery("SELECT id FROM partition_work WHERE status = ? ORDER BY id")
        .setParameter(1, QUEUED).setMaxResults(8).getResultList();
    for (Object candidate : candidates) {
      long id = ((Number) candidate).longValue();
      OffsetDateTime now = now();
      int updated = em.createNativeQuery("UPDATE partition_work SET status = ?, server_id = ?, claimed_at = ?, heartbeat_at = ?"
              + " WHERE id = ? AND status = ?")
          .setParameter(1, RUNNING).setParameter(2, serverId).setParameter(3, now).setParameter(4, now).setParameter(5, id)
          .setParameter(6, QUEUED).executeUpdate();
      if (updated == 1) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT kind, payload FROM partition_work WHERE id = ?").setParameter(1, id)
            .getSingleResult();
        return Optional.of(new Claimed(id, String.valueOf(row[0]), JobResults.text(row[1])));
      }
    }
    return Optional.empty();
  }

  /** Says the claiming server is still at it; false when the partition is no longer its own (requeued as stale). */
  public boolean heartbeat(long id, String serverId) {
    return em.createNativeQuery("UPDATE partition_work SET heartbeat_at = ? WHERE id = ? AND server_id = ? AND status = ?")
        .setParameter(1, now()).setParameter(2, id).setParameter(3, serverId).setParameter(4, RUNNING).executeUpdate() == 1;
  }

  /** Stores a claimed partition's result; false when it was no longer this server's to finish. */
  public boolean complete(long id, String serverId, String result) {
    return finish(id, serverId, DONE, result, null);
  }

  /** Marks a claimed partition failed with the reason; the job that waits for it fails with that reason. */
  public boolean fail(long id, String serverId, String error) {
    return finish(id, serverId, FAILED, null, error);
  }

  private boolean finish(long id, String serverId, String status, String result, String error) {
    return em.createNativeQuery("UPDATE partition_work SET status = ?, result = ?, error = ?, finished_at = ?"
            + " WHERE id = ? AND server_id = ? AND status = ?")
        .setParameter(1, status).setParameter(2, result).setParameter(3, error).setParameter(4, now()).setParameter(5, id)
        .setParameter(6, serverId).setParameter(7, RUNNING).executeUpdate() == 1;
  }

  /** Queues again the partitions whose server has not said it is at them for {@code silence}: it died, or lost the database. */
  public int requeueSilent(Duration silence) {
    return em.createNativeQuery("UPDATE partition_work SET status = ?, server_id = NULL, claimed_at = NULL, heartbeat_at = NULL"
            + " WHERE status = ? AND heartbeat_at < ?")
        .setParameter(1, QUEUED).setParameter(2, RUNNING)
        .setParameter(3, OffsetDateTime.ofInstant(clock.instant().minus(silence), ZoneOffset.UTC)).executeUpdate();
  }

  /** Queues again the partitions {@code serverId} was running when it stopped: called as it starts again. */
  public int requeueOwn(String serverId) {
    return em.createNativeQuery("UPDATE partition_work SET status = ?, server_id = NULL, claimed_at = NULL, heartbeat_at = NULL"
            + " WHERE status = ? AND server_id = ?")
        .setParameter(1, QUEUED).setParameter(2, RUNNING).setParameter(3, serverId).executeUpdate();
  }

  public Optional<Partition> find(long id) {
    return partitions("WHERE id = ?", id).stream().findFirst();
  }

  public Optional<Partition> find(long instanceId, String stepName, int partition) {
    return partitions("WHERE instance_id = ? AND step_name = ? AND partition_number = ?", instanceId, stepName, partition).stream()
        .findFirst();
  }

  /** The partitions of a job instance, by step and number. */
  public List<Partition> ofInstance(long instanceId) {
    return partitions("WHERE instance_id = ?", instanceId);
  }

  private List<Partition> partitions(String where, Object... parameters) {
    var query = em.createNativeQuery("SELECT id, instance_id, step_name, partition_number, kind, status, server_id, result, error,"
        + " created_at, claimed_at, finished_at FROM partition_work " + where + " ORDER BY step_name, partition_number");
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    List<Partition> found = new ArrayList<>();
    for (Object o : query.getResultList()) {
      Object[] row = (Object[]) o;
      found.add(new Partition(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), String.valueOf(row[2]),
          ((Number) row[3]).intValue(), String.valueOf(row[4]), String.valueOf(row[5]), row[6] == null ? null : String.valueOf(row[6]),
          row[7] == null ? null : JobResults.text(row[7]), row[8] == null ? null : JobResults.text(row[8]), instant(row[9]),
          instant(row[10]), instant(row[11])));
    }
    return found;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** Timestamps come back as OffsetDateTime, Timestamp or Instant depending on the driver. */
  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof java.time.ZonedDateTime z) {
      return z.toInstant();
    }
    return OffsetDateTime.parse(String.valueOf(value)).toInstant();
  }
}
