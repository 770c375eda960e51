package ai.atlas.core.reward;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcomes of a reward-eval job instance, written with each chunk (in the chunk's
 * transaction, so a restart neither loses nor repeats one), and their accuracy per category and
 * overall.
 */
@ApplicationScoped
@Transactional
public class PreferenceEvaluations {

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  protected PreferenceEvaluations() {}

  /** For use outside the container, with an entity manager whose transactions the caller runs. */
  public PreferenceEvaluations(EntityManager em) {
    this.em = em;
  }

  /**
   * Stores outcomes in place of any stored for the same lines: a partition that a server finished
   * but could not report (it died) runs again on another, and must not count its items twice.
   */
  public void replace(long instanceId, List<PreferenceItem.Outcome> outcomes) {
    for (PreferenceItem.Outcome o : outcomes) {
      em.createNativeQuery("DELETE FROM reward_eval_items WHERE instance_id = ? AND line_number = ?").setParameter(1, instanceId)
          .setParameter(2, o.line()).executeUpdate();
    }
    store(instanceId, outcomes);
  }

  public void store(long instanceId, List<PreferenceItem.Outcome> outcomes) {
    for (PreferenceItem.Outcome o : outcomes) {
      em.createNativeQuery("INSERT INTO reward_eval_items (instance_id, line_number, category, correct, scored, chosen_scores,"
              + " rejected_scores) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .setParameter(1, instanceId).setParameter(2, o.line()).setParameter(3, o.category()).setParameter(4, o.correct())
          .setParameter(5, o.scored()).setParameter(6, o.chosenScores().toString()).setParameter(7, o.rejectedScores().toString())
          .executeUpdate();
    }
  }

  /**
   * {@code {"items", "correct", "unscored", "accuracy", "categories": {name: {"items", "correct",
   * "accuracy"}}}}; accuracy is null where there are no items.
   */
  public JsonObject accuracy(long instanceId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT category, COUNT(*), SUM(CASE WHEN correct THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN scored THEN 0 ELSE 1 END) FROM reward_eval_items WHERE instance_id = ? GROUP BY category")
        .setParameter(1, instanceId).getResultList();
    Map<String, long[]> byCategory = new TreeMap<>();
    for (Object[] row : rows) {
      byCategory.put(String.valueOf(row[0]),
          new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue(), ((Number) row[3]).longValue()});
    }
    return summary(byCategory);
  }

  static JsonObject summary(Map<String, long[]> byCategory) {
    long items = 0;
    long correct = 0;
    long unscored = 0;
    JsonObjectBuilder categories = Json.createObjectBuilder();
    for (Map.Entry<String, long[]> e : byCategory.entrySet()) {
      long[] c = e.getValue();
      items += c[0];
      correct += c[1];
      unscored += c[2];
      categories.add(e.getKey(), Json.createObjectBuilder().add("items", c[0]).add("correct", c[1])
          .add("accuracy", c[1] / (double) c[0]));
    }
    JsonObjectBuilder out = Json.createObjectBuilder().add("items", items).add("correct", correct).add("unscored", unscored);
    if (items == 0) {
      out.addNull("accuracy");
    } else {
      out.add("accuracy", correct / (double) items);
    }
    return out.add("categories", categories).build();
  }
}
