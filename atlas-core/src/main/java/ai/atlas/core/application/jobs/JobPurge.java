package ai.atlas.core.application.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Removes a finished job instance for good: its rows in Liberty's batch job repository (the
 * {@code JBATCH_} tables in the application's database; Jakarta Batch has no purge operation and
 * Liberty's own is reachable only through its batch REST API) and what ATLAS keeps of it (its
 * result and training metrics), in one transaction. Child rows go first, since the repository's
 * foreign keys do not cascade. Models and datasets a job wrote are the user's and stay.
 */
@ApplicationScoped
@Transactional
public class JobPurge {

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  protected JobPurge() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public JobPurge(EntityManager em) {
    this.em = em;
  }

  /** The job name of an instance in the repository, if there is such an instance. */
  public Optional<String> jobName(long instanceId, String batchSchema) {
    List<?> names = em.createNativeQuery("SELECT JOBNAME FROM " + tables(batchSchema) + "JOBINSTANCE WHERE JOBINSTANCEID = ?1")
        .setParameter(1, instanceId).getResultList();
    return names.stream().findFirst().map(Object::toString);
  }

  private static String tables(String batchSchema) {
    return batchSchema == null || batchSchema.isBlank() ? "JBATCH_" : batchSchema.strip() + ".JBATCH_";
  }

  /**
   * Deletes the instance; answers how many repository rows went (0: there was no such instance).
   *
   * @param batchSchema the schema of the batch tables (blank: the connection's default)
   */
  public int purge(long instanceId, String batchSchema) {
    String t = tables(batchSchema);
    String executions = "(SELECT JOBEXECID FROM " + t + "JOBEXECUTION WHERE FK_JOBINSTANCEID = ?1)";
    List<String> statements = List.of(
        "DELETE FROM " + t + "STEPTHREADINSTANCE WHERE FK_JOBINSTANCEID = ?1",
        "DELETE FROM " + t + "REMOTABLEPARTITION WHERE FK_JOBEXECUTIONID IN " + executions,
        // partition and split-flow threads point at their top-level step thread: they go first
        "DELETE FROM " + t + "STEPTHREADEXECUTION WHERE FK_JOBEXECID IN " + executions + " AND FK_TOPLVL_STEPEXECID <> STEPEXECID",
        "DELETE FROM " + t + "STEPTHREADEXECUTION WHERE FK_JOBEXECID IN " + executions,
        "DELETE FROM " + t + "JOBPARAMETER WHERE FK_JOBEXECID IN " + executions,
        "DELETE FROM " + t + "GROUPASSOCIATION WHERE FK_JOBINSTANCEID = ?1",
        "DELETE FROM " + t + "JOBEXECUTION WHERE FK_JOBINSTANCEID = ?1",
        "DELETE FROM " + t + "JOBINSTANCE WHERE JOBINSTANCEID = ?1");
    int rows = 0;
    for (String statement : statements) {
      rows += em.createNativeQuery(statement).setParameter(1, instanceId).executeUpdate();
    }
    em.createNativeQuery("DELETE FROM job_results WHERE instance_id = ?1").setParameter(1, instanceId).executeUpdate();
    em.createNativeQuery("DELETE FROM training_steps WHERE instance_id = ?1").setParameter(1, instanceId).executeUpdate();
    em.createNativeQuery("DELETE FROM partition_work WHERE instance_id = ?1").setParameter(1, instanceId).executeUpdate();
    return rows;
  }
}
