package ai.atlas.batch.rewardeval;

import ai.atlas.core.application.jobs.PartitionHandler;
import ai.atlas.core.common.Json;
import ai.atlas.core.reward.PreferenceEvaluations;
import ai.atlas.core.reward.PreferenceItem;
import ai.atlas.core.reward.RewardSystem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a reward-eval partition's items on the server that claimed it, with the profile's
 * judges as this server loads them, and stores their outcomes for the job's summary.
 */
@ApplicationScoped
public class PreferencePartitionHandler implements PartitionHandler {

  @Inject RewardSystem rewards;
  @Inject PreferenceEvaluations evaluations;

  @Override
  public String kind() {
    return PreferencePartitionDispatch.KIND;
  }

  @Override
  public String run(String payload) {
    JsonObject work = (JsonObject) Json.parse(payload);
    long instanceId = work.getJsonNumber("instanceId").longValue();
    PreferenceJudge judge = new PreferenceJudge(rewards, work.getString("profile"));
    List<PreferenceItem.Outcome> outcomes = new ArrayList<>();
    for (JsonValue value : work.getJsonArray("lines")) {
      JsonObject line = (JsonObject) value;
      outcomes.add((PreferenceItem.Outcome) judge.processItem(PreferenceItem.parse(line.getString("text"),
          line.getJsonNumber("line").longValue())));
    }
    evaluations.replace(instanceId, outcomes);
    return jakarta.json.Json.createObjectBuilder().add("items", outcomes.size()).build().toString();
  }
}
