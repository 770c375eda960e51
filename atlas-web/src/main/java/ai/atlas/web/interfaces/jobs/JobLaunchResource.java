package ai.atlas.web.interfaces.jobs;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.application.jobs.JobLauncher;
import ai.atlas.core.application.jobs.JobPurge;
import ai.atlas.core.common.Json;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.security.Role;
import ai.atlas.web.interfaces.support.Callers;
import ai.atlas.web.interfaces.support.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The jobs that can be started and their instances: the definitions (each job's parameter
 * schema), a start of any job by name through its {@link JobLauncher} (found by CDI, so this
 * resource knows no job's parameters), the list of instances, and the purge of a finished one.
 * One execution is {@link JobExecutionResource}'s.
 */
@Path("/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobLaunchResource {

  /** The schema of Liberty's batch tables (server.xml's variable; blank: the default schema). */
  @Inject
  @ConfigProperty(name = "atlas.db.batch.schema", defaultValue = "")
  String batchSchema;

  @Inject JobExecutions executions;
  @Inject JobPurge purges;
  @Inject AuditLog audit;
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "Job instances, newest first, each with its executions; 'name' keeps one job's")
  public JobCatalog.InstancePage instances(@QueryParam("name") String name, @QueryParam("page") String page,
      @QueryParam("size") String size) {
    List<String> jobs = executions.launchers().stream().map(l -> l.schema().job()).toList();
    return JobCatalog.instances(JobExecutions.operator(), jobs, name, Params.intParam("page", page, 0),
        Params.intParam("size", size, 20));
  }

  @GET
  @Path("/definitions")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The jobs that can be started: each with the role that may start it and its parameters (type, default,"
      + " range or choices, whether the server computes it), from the schema the jobs themselves read")
  public List<JobCatalog.Definition> definitions() {
    return JobCatalog.definitions(executions.launchers());
  }

  @POST
  @Path("/{job: [a-z][a-z-]*}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.REVIEWER_NAME, Role.OPERATOR_NAME})
  @Operation(summary = "Start a job (export, reward-eval, sft, grpo, gepa, pipeline) with the parameters its definition lists;"
      + " every check is made before it starts, so a bad request is a 400 and never a job that fails later")
  public Response start(@PathParam("job") String job, String body, @Context UriInfo uri) {
    JobLauncher launcher = executions.launchers().stream().filter(l -> l.schema().job().equals(job)).findFirst()
        .orElseThrow(() -> new NotFoundException("no job named '" + job + "' (see /api/jobs/definitions)"));
    if (!security.isUserInRole(launcher.role().wireName())) {
      throw new ForbiddenException("starting " + job + " needs the role " + launcher.role().wireName());
    }
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    Actor caller = Callers.actor(security, http);
    Properties parameters = launcher.parameters(request, caller.name());
    long executionId = JobExecutions.operator().start(job, parameters);
    audit.record(caller, AuditAction.JOB_START, "job-execution:" + executionId,
        job + " " + new TreeMap<>(parameters));
    return executions.accepted(executionId, uri);
  }

  @DELETE
  @Path("/instances/{instanceId: [0-9]+}")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Purge a finished job instance: its executions, steps, result, training metrics and job logs")
  public Response purge(@PathParam("instanceId") long instanceId) {
    // Liberty creates its batch tables on their first use: on a database no job has run on yet,
    // asking the operator first makes them, so the query below finds no row instead of no table
    JobOperator jobs = JobExecutions.operator();
    jobs.getJobNames();
    String job = purges.jobName(instanceId, batchSchema)
        .orElseThrow(() -> new NotFoundException("no job instance with id " + instanceId));
    JobInstance instance = jobs.getJobInstances(job, 0, Math.max(1, jobs.getJobInstanceCount(job))).stream()
        .filter(i -> i.getInstanceId() == instanceId).findFirst()
        .orElseThrow(() -> new NotFoundException("no job instance with id " + instanceId));
    List<JobExecution> all = jobs.getJobExecutions(instance);
    if (all.stream().anyMatch(e -> ACTIVE.contains(e.getBatchStatus()))) {
      throw new ClientErrorException("job instance " + instanceId + " is still running: stop it before purging it",
          Response.Status.CONFLICT);
    }
    purges.purge(instanceId, batchSchema);
    executions.logs().instanceFolders(job, instanceId).forEach(JobLogs::delete);
    audit.record(Callers.actor(security, http), AuditAction.JOB_PURGE, "job-instance:" + instanceId,
        job + ", " + all.size() + " executions");
    return Response.noContent().build();
  }

  private static final Set<BatchStatus> ACTIVE = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);
}
