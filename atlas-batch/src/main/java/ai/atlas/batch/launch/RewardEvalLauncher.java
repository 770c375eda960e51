package ai.atlas.batch.launch;

import ai.atlas.batch.rewardeval.RewardEvalJob;
import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.server.config.ServerFolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Properties;

/** Starts reward-eval: the dataset must be a file of the datasets folder, the profile must exist. */
@ApplicationScoped
public class RewardEvalLauncher implements JobLauncher {

  @Inject ServerFolders folders;
  @Inject ProfileService profiles;

  @Override
  public JobSchema schema() {
    return RewardEvalJob.SCHEMA;
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public Properties parameters(JsonObject request, String caller) {
    JobValues values = RewardEvalJob.SCHEMA.read(request);
    values.with("dataset", LaunchFiles.dataset(folders.datasets(), values.text("dataset").orElse(null), "dataset").toString());
    profiles.get(values.required("profile")); // 404 for an unknown profile, before the job starts
    return values.toProperties();
  }
}
