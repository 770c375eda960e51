package ai.atlas.batch.launch;

import ai.atlas.batch.export.ExportJob;
import ai.atlas.batch.export.ExportTarget;
import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobSchema;
import ai.atlas.core.application.jobs.JobValues;
import ai.atlas.core.domain.security.Role;
import ai.atlas.server.config.ServerFolders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Properties;

/** Starts the export job: the output must be a file of the export folder. Reviewers may start it. */
@ApplicationScoped
public class ExportLauncher implements JobLauncher {

  @Inject ServerFolders folders;

  @Override
  public JobSchema schema() {
    return ExportJob.SCHEMA;
  }

  @Override
  public Role role() {
    return Role.REVIEWER;
  }

  @Override
  public Properties parameters(JsonObject request, String caller) {
    JobValues values = ExportJob.SCHEMA.read(request);
    values.with("output", ExportTarget.resolve(folders.exports(), values.text("output").orElse(null)).toString());
    return values.toProperties();
  }
}
