package ai.atlas.core.application.jobs;

import ai.atlas.core.common.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The conclusion of a job instance as a JSON document (a reward evaluation's accuracy, a training
 * run's final metrics), kept in the application's database and shown with the job's executions.
 */
@ApplicationScoped
@Transactional
public class JobResults {

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private Clock clock = Clock.systemUTC();

  protected JobResults() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public JobResults(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /** Stores (or replaces, on a restart) the instance's result. */
  public void store(long instanceId, String jobName, String resultJson) {
    em.createNativeQuery("DELETE FROM job_results WHERE instance_id = ?").setParameter(1, instanceId).executeUpdate();
    em.createNativeQuery("INSERT INTO job_results (instance_id, job_name, result, updated_at) VALUES (?, ?, ?, ?)")
        .setParameter(1, instanceId).setParameter(2, jobName).setParameter(3, resultJson)
        .setParameter(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).executeUpdate();
  }

  /**
   * Replaces one stage's entry of a result made of stages, {@code {"stages": {"<stage>": ...}}},
   * keeping the others: a job of several stages reports each as it ends.
   */
  public void storeStage(long instanceId, String jobName, String stage, jakarta.json.JsonObject value) {
    jakarta.json.JsonObject current = find(instanceId).map(text -> Json.parse(text))
        .filter(v -> v instanceof jakarta.json.JsonObject).map(v -> (jakarta.json.JsonObject) v)
        .orElse(jakarta.json.JsonValue.EMPTY_JSON_OBJECT);
    jakarta.json.JsonObject stages = current.get("stages") instanceof jakarta.json.JsonObject o ? o : jakarta.json.JsonValue.EMPTY_JSON_OBJECT;
    store(instanceId, jobName, jakarta.json.Json.createObjectBuilder(current)
        .add("stages", jakarta.json.Json.createObjectBuilder(stages).add(stage, value)).build().toString());
  }

  public Optional<String> find(long instanceId) {
    List<?> rows = em.createNativeQuery("SELECT result FROM job_results WHERE instance_id = ?").setParameter(1, instanceId)
        .getResultList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(text(rows.get(0)));
  }

  /** H2 hands CLOB columns back as {@link java.sql.Clob}. */
  static String text(Object value) {
    if (value instanceof java.sql.Clob clob) {
      try {
        return clob.getSubString(1, (int) clob.length());
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot read a stored text", e);
      }
    }
    return String.valueOf(value);
  }
}
