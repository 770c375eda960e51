package ai.atlas.batch.launch;

import ai.atlas.batch.gepa.GepaJob;
import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.server.config.ServerFolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.Properties;

/** Starts gepa: known templates to evolve, the tasks (a dataset, or the approved sessions), the profiles. */
@ApplicationScoped
public class GepaLauncher implements JobLauncher {

  @Inject ServerFolders folders;
  @Inject ProfileService profiles;

  Clock clock = Clock.systemUTC();

  @Override
  public JobSchema schema() {
    return GepaJob.SCHEMA;
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public Properties parameters(JsonObject request, String caller) {
    JobValues values = GepaJob.SCHEMA.read(request);
    String templates = values.text("templates").orElseThrow(() -> new InvalidInputException(
        "'templates' must name at least one prompt template to evolve, e.g. [\"teacher.validation\"]"));
    PromptTemplates known = PromptTemplates.defaults();
    for (String name : templates.split(",")) {
      try {
        known.get(name);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("'templates': " + e.getMessage());
      }
    }
    if (values.required("source").equals("sessions")) {
      values.with("dataset", LaunchFiles.exported(folders.datasets(), "gepa-sessions-", clock).toString());
    } else {
      String dataset = values.text("dataset").orElseThrow(() -> new InvalidInputException(
          "'dataset' is required (or \"source\": \"sessions\")"));
      values.with("dataset", LaunchFiles.dataset(folders.datasets(), dataset, "dataset").toString());
    }
    values.text("validationDataset").ifPresent(name -> values.with("validationDataset",
        LaunchFiles.dataset(folders.datasets(), name, "validationDataset").toString()));
    profiles.get(values.required("profile")); // 404 for an unknown profile, before the job starts
    values.text("reflectionProfile").ifPresent(profiles::get);
    return values.toProperties();
  }
}
