package ai.atlas.web.interfaces.jobs;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.application.jobs.PartitionWork;
import ai.atlas.core.application.jobs.TrainingMetrics;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.security.Role;
import ai.atlas.web.interfaces.support.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobRestartException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** One job execution: its state, stop and restart, its log, training metrics, partitions and gepa report. */
@Path("/jobs/{executionId: [0-9]+}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobExecutionResource {

  @Inject JobExecutions executions;
  @Inject JobResults results;
  @Inject PartitionWork partitionWork;
  @Inject TrainingMetrics trainingMetrics;
  @Inject AuditLog audit;
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "A job execution: status, exit status, parameters, step metrics and the job's result")
  public JobExecutionDto get(@PathParam("executionId") long executionId) {
    return executions.describe(executionId);
  }

  @POST
  @Path("/stop")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Ask a running job execution to stop; it can be restarted later")
  public JobExecutionDto stop(@PathParam("executionId") long executionId) {
    executions.describe(executionId); // 404 for an unknown execution
    try {
      JobExecutions.operator().stop(executionId);
    } catch (RuntimeException e) {
      if (JobExecutions.causedBy(e, JobExecutionNotRunningException.class)) {
        throw new ClientErrorException("job execution " + executionId + " is not running", Response.Status.CONFLICT);
      }
      throw e;
    }
    audit.record(Callers.actor(security, http), AuditAction.JOB_STOP, "job-execution:" + executionId, null);
    return executions.describe(executionId);
  }

  @POST
  @Path("/restart")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Restart a stopped or failed job execution where it stopped; answers the new execution")
  public Response restart(@PathParam("executionId") long executionId, @Context UriInfo uri) {
    JobExecutionDto previous = executions.describe(executionId);
    long restarted;
    try {
      // A restart runs with the parameters it is given, not the first run's: give it those.
      Properties parameters = JobExecutions.operator().getJobExecution(executionId).getJobParameters();
      restarted = JobExecutions.operator().restart(executionId, parameters == null ? new Properties() : parameters);
    } catch (RuntimeException e) {
      if (JobExecutions.causedBy(e, JobRestartException.class) || JobExecutions.causedBy(e, JobExecutionNotMostRecentException.class)
          || JobExecutions.causedBy(e, JobExecutionAlreadyCompleteException.class)) {
        throw new ClientErrorException("job execution " + executionId + " (" + previous.batchStatus()
            + ") cannot be restarted: only the most recent execution of a stopped or failed job can", Response.Status.CONFLICT);
      }
      throw e;
    }
    audit.record(Callers.actor(security, http), AuditAction.JOB_START, "job-execution:" + restarted, "restart of " + executionId);
    return executions.accepted(restarted, uri);
  }

  @GET
  @Path("/log")
  @Produces(MediaType.TEXT_PLAIN)
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The execution's job log: what its threads logged, Liberty's lifecycle and checkpoint messages")
  public Response log(@PathParam("executionId") long executionId) {
    JobExecutionDto execution = executions.describe(executionId);
    java.nio.file.Path folder = executions.logs().executionFolder(execution.jobName(), execution.instanceId(), executionId)
        .orElseThrow(() -> new NotFoundException("job execution " + executionId + " has no log (yet)"));
    return Response.ok(JobLogs.read(folder), "text/plain;charset=UTF-8").build();
  }

  @GET
  @Path("/metrics")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The per-step metrics of a training job's instance: loss, tokens, gradient norm, learning rate, and for"
      + " grpo the rewards, KL, clip fraction, entropy, completion length, improvement and degradation rates and step timings")
  public List<TrainingMetrics.Step> metrics(@PathParam("executionId") long executionId) {
    return trainingMetrics.steps(executions.describe(executionId).instanceId());
  }

  @GET
  @Path("/partitions")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The partitions of the execution's job instance that servers sharing the database claimed and ran"
      + " (reward-eval with partitions above 1): step, number, status, the server that ran it, its result or error, and when")
  public List<PartitionWork.Partition> partitions(@PathParam("executionId") long executionId) {
    return partitionWork.ofInstance(executions.describe(executionId).instanceId());
  }

  @GET
  @Path("/optimized_prompts.json")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "Download a gepa job's optimized_prompts.json: the best candidate, the Pareto front, every candidate")
  public Response optimizedPrompts(@PathParam("executionId") long executionId) {
    JobExecutionDto execution = executions.describe(executionId);
    if (!execution.jobName().equals("gepa")) {
      throw new NotFoundException("job execution " + executionId + " is not a gepa job");
    }
    String report = results.find(execution.instanceId())
        .orElseThrow(() -> new NotFoundException("job execution " + executionId + " has no report yet"));
    return Response.ok(report, MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"optimized_prompts.json\"").build();
  }
}
