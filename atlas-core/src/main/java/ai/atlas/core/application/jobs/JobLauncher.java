package ai.atlas.core.application.jobs;

import ai.atlas.core.domain.security.Role;
import jakarta.json.JsonObject;
import java.util.Properties;

/**
 * How one batch job is started from a request: its schema, the role that may start it, and the
 * request turned into the job operator's parameters, every check done before the job starts (a bad
 * request is a 400, an unknown profile a 404, never a job that fails later). The batch module has
 * one per job; the REST API finds them by CDI and knows none by name.
 */
public interface JobLauncher {

  JobSchema schema();

  /** The least role that may start the job. */
  Role role();

  /** The job's parameters for this request; {@code caller} is who starts it. */
  Properties parameters(JsonObject request, String caller);
}
