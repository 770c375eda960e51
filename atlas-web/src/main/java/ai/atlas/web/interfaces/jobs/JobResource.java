package ai.atlas.web.interfaces.jobs;

import ai.atlas.batch.export.ExportTarget;
import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.application.jobs.JobPurge;
import ai.atlas.core.application.jobs.JobResults;
import ai.atlas.core.application.jobs.PartitionWork;
import ai.atlas.core.application.jobs.TrainingMetrics;
import ai.atlas.core.application.trace.ExportFormat;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.sessions.SessionService;
import ai.atlas.server.config.ConfinedFile;
import ai.atlas.web.interfaces.support.Callers;
import ai.atlas.web.interfaces.support.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Starting batch jobs and following their executions. */
@Path("/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

  @Inject
  @ConfigProperty(name = "atlas.export.dir", defaultValue = "exports")
  String exportDir;

  @Inject
  @ConfigProperty(name = "atlas.datasets.dir", defaultValue = "datasets")
  String datasetsDir;

  @Inject
  @ConfigProperty(name = "atlas.models.dir", defaultValue = "models")
  String modelsDir;

  /** Where Liberty writes job logs (batchJobLogging), relative to the server's output folder. */
  @Inject
  @ConfigProperty(name = "atlas.joblogs.dir", defaultValue = "logs/joblogs")
  String jobLogsDir;

  /** The schema of Liberty's batch tables (server.xml's variable; blank: the default schema). */
  @Inject
  @ConfigProperty(name = "atlas.db.batch.schema", defaultValue = "")
  String batchSchema;

  /** A reward-eval is cut into at most this many partitions. */
  static final long MAX_PARTITIONS = 64;

  @Inject JobPurge purges;
  @Inject PartitionWork partitionWork;
  @Inject TrainingMetrics trainingMetrics;
  @Inject AuditLog audit;
  @Inject JobResults results;
  @Inject ProfileService profiles;
  @Inject SessionService sessions;
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "Job instances, newest first, each with its executions; 'name' keeps one job's")
  public JobCatalog.InstancePage instances(@jakarta.ws.rs.QueryParam("name") String name,
      @jakarta.ws.rs.QueryParam("page") String page, @jakarta.ws.rs.QueryParam("size") String size) {
    return JobCatalog.instances(operator(), name, Params.intParam("page", page, 0),
        Params.intParam("size", size, 20));
  }

  @GET
  @Path("/definitions")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The jobs that can be started, with their parameters and defaults, as their job XMLs declare them")
  public List<JobCatalog.Definition> definitions() {
    return JobCatalog.definitions();
  }

  @POST
  @Path("/export")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.REVIEWER_NAME)
  @Operation(summary = "Start the export job: sessions as JSONL into a file of the export folder, redacted")
  public Response startExport(String body, @Context UriInfo uri) {
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    java.nio.file.Path output = ExportTarget.resolve(java.nio.file.Path.of(exportDir), Json.optionalString(request, "output").orElse(null));
    String reviewStatus = Json.optionalString(request, "reviewStatus").orElse("approved");
    if (!reviewStatus.equalsIgnoreCase("any") && ReviewStatus.fromWire(reviewStatus).isEmpty()) {
      throw new InvalidInputException(
          "'reviewStatus' must be any or one of " + ReviewStatus.wireNames() + ", not '" + reviewStatus + "'");
    }
    String format = Json.optionalString(request, "format").orElse("atlas");
    if (ExportFormat.fromWire(format).isEmpty()) {
      throw new InvalidInputException("'format' must be one of " + ExportFormat.wireNames()
          + ", not '" + format + "'");
    }
    Properties parameters = new Properties();
    parameters.setProperty("output", output.toString());
    parameters.setProperty("reviewStatus", reviewStatus.toLowerCase(java.util.Locale.ROOT));
    parameters.setProperty("format", format);
    return launch("export", parameters, uri);
  }

  @POST
  @Path("/reward-eval")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Start the reward-eval job: the accuracy of a profile's judges on a preference dataset of the datasets folder")
  public Response startRewardEval(String body, @Context UriInfo uri) {
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    java.nio.file.Path dataset = ConfinedFile.resolve(java.nio.file.Path.of(datasetsDir),
        Json.optionalString(request, "dataset").orElse(null), "dataset", "datasets folder");
    if (!java.nio.file.Files.isRegularFile(dataset)) {
      throw new InvalidInputException("'dataset' names no file of the datasets folder: " + dataset);
    }
    String profile = Json.requiredString(request, "profile");
    profiles.get(profile); // 404 for an unknown profile, before the job starts
    Properties parameters = new Properties();
    parameters.setProperty("dataset", dataset.toString());
    parameters.setProperty("profile", profile);
    long chunkSize = Json.optionalCount(request, "chunkSize");
    if (chunkSize > 0) {
      parameters.setProperty("chunkSize", Long.toString(chunkSize));
    }
    long partitions = positive(request, "partitions", 1, MAX_PARTITIONS);
    parameters.setProperty("partitions", Long.toString(partitions));
    return launch("reward-eval", parameters, uri);
  }

  @POST
  @Path("/sft")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Start the sft job: fine-tune a checkpoint of the models folder on a dataset of the datasets folder")
  public Response startSft(String body, @Context UriInfo uri) {
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    java.nio.file.Path models = java.nio.file.Path.of(modelsDir);
    java.nio.file.Path dataset = ConfinedFile.resolve(java.nio.file.Path.of(datasetsDir),
        Json.optionalString(request, "dataset").orElse(null), "dataset", "datasets folder");
    if (!java.nio.file.Files.isRegularFile(dataset)) {
      throw new InvalidInputException("'dataset' names no file of the datasets folder: " + dataset);
    }
    java.nio.file.Path base = ConfinedFile.resolve(models, Json.optionalString(request, "base").orElse(null), "base", "models folder");
    if (!java.nio.file.Files.isRegularFile(base.resolve("config.json"))) {
      throw new InvalidInputException("'base' names no checkpoint (a folder with config.json) of the models folder: " + base);
    }
    java.nio.file.Path output = ConfinedFile.resolve(models, Json.optionalString(request, "output").orElse(null), "output", "models folder");
    long epochs = positive(request, "epochs", 1, 1000);
    long batchSize = positive(request, "batchSize", 8, 4096);
    long lines;
    try (var all = java.nio.file.Files.lines(dataset)) {
      lines = all.filter(l -> !l.isBlank()).count();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new InvalidInputException("the dataset cannot be read: " + e.getMessage());
    }
    if (lines == 0) {
      throw new InvalidInputException("the dataset " + dataset.getFileName() + " has no lines");
    }
    String schedule = Json.optionalString(request, "schedule").orElse("cosine");
    if (!java.util.Set.of("constant", "linear", "cosine").contains(schedule)) {
      throw new InvalidInputException("'schedule' must be constant, linear or cosine, not '" + schedule + "'");
    }
    double learningRate = Json.optionalNumber(request, "learningRate").orElse(1e-4);
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new InvalidInputException("'learningRate' must be a number between 0 and 1");
    }
    Properties parameters = new Properties();
    parameters.setProperty("dataset", dataset.toString());
    parameters.setProperty("base", base.toString());
    parameters.setProperty("output", output.toString());
    parameters.setProperty("modelsDir", models.toAbsolutePath().toString());
    parameters.setProperty("epochs", Long.toString(epochs));
    parameters.setProperty("batchSize", Long.toString(batchSize));
    parameters.setProperty("totalSteps", Long.toString(epochs * ((lines + batchSize - 1) / batchSize)));
    parameters.setProperty("learningRate", Double.toString(learningRate));
    parameters.setProperty("warmupSteps", Long.toString(Json.optionalCount(request, "warmupSteps")));
    parameters.setProperty("schedule", schedule);
    parameters.setProperty("seed", Long.toString(Json.optionalCount(request, "seed")));
    long maxTokens = Json.optionalCount(request, "maxTokens");
    if (maxTokens > 0) {
      parameters.setProperty("maxTokens", Long.toString(maxTokens));
    }
    return launch("sft", parameters, uri);
  }

  @POST
  @Path("/grpo")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Start the grpo job: GRPO training of a checkpoint of the models folder on the prompts of a dataset"
      + " or of the approved sessions")
  public Response startGrpo(String body, @Context UriInfo uri) {
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    Properties parameters = GrpoJobRequest.parameters(request, java.nio.file.Path.of(datasetsDir), java.nio.file.Path.of(modelsDir),
        java.time.Clock.systemUTC());
    if (parameters.containsKey("profile")) {
      profiles.get(parameters.getProperty("profile")); // 404 for an unknown profile, before the job starts
    }
    return launch("grpo", parameters, uri);
  }

  @POST
  @Path("/pipeline")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Start the pipeline job: the closed loop on a profile. Sessions are run from a task file (optional),"
      + " reviewed by rule, exported, the profile's teacher trained by GRPO with the teaching reward, measured against the previous"
      + " teacher on held-out tasks, and switched in when the rule allows")
  public Response startPipeline(String body, @Context UriInfo uri) {
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    String name = Json.optionalString(request, "profile").orElseThrow(() -> new InvalidInputException("'profile' is required"));
    var profile = profiles.get(name); // 404 for an unknown profile, before the job starts
    long stored = sessions.list(SessionQuery.all().profile(name), 0, 1, s -> s.getId()).total();
    Properties parameters = PipelineJobRequest.parameters(request, profile.document(), stored, java.nio.file.Path.of(datasetsDir),
        java.nio.file.Path.of(modelsDir), java.time.Clock.systemUTC());
    parameters.setProperty("startedBy", Callers.actor(security, http).name());
    return launch("pipeline", parameters, uri);
  }

  @POST
  @Path("/gepa")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Start the gepa job: evolve a profile's prompt templates on tasks of a dataset or the approved sessions")
  public Response startGepa(String body, @Context UriInfo uri) {
    JsonObject request = Json.parseObject(body == null || body.isBlank() ? "{}" : body, "the request body");
    Properties parameters = GepaJobRequest.parameters(request, java.nio.file.Path.of(datasetsDir), java.time.Clock.systemUTC());
    profiles.get(parameters.getProperty("profile")); // 404 for an unknown profile, before the job starts
    if (parameters.containsKey("reflectionProfile")) {
      profiles.get(parameters.getProperty("reflectionProfile"));
    }
    return launch("gepa", parameters, uri);
  }

  @GET
  @Path("/{executionId: [0-9]+}/optimized_prompts.json")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "Download a gepa job's optimized_prompts.json: the best candidate, the Pareto front, every candidate")
  public Response optimizedPrompts(@PathParam("executionId") long executionId) {
    JobExecutionDto execution = describe(executionId);
    if (!execution.jobName().equals("gepa")) {
      throw new NotFoundException("job execution " + executionId + " is not a gepa job");
    }
    String report = results.find(execution.instanceId())
        .orElseThrow(() -> new NotFoundException("job execution " + executionId + " has no report yet"));
    return Response.ok(report, MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"optimized_prompts.json\"").build();
  }

  @POST
  @Path("/{executionId: [0-9]+}/restart")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Restart a stopped or failed job execution where it stopped; answers the new execution")
  public Response restart(@PathParam("executionId") long executionId, @Context UriInfo uri) {
    JobExecutionDto previous = describe(executionId);
    long restarted;
    try {
      // A restart runs with the parameters it is given, not the first run's: give it those.
      Properties parameters = operator().getJobExecution(executionId).getJobParameters();
      restarted = operator().restart(executionId, parameters == null ? new Properties() : parameters);
    } catch (RuntimeException e) {
      if (causedBy(e, jakarta.batch.operations.JobRestartException.class)
          || causedBy(e, jakarta.batch.operations.JobExecutionNotMostRecentException.class)
          || causedBy(e, jakarta.batch.operations.JobExecutionAlreadyCompleteException.class)) {
        throw new ClientErrorException("job execution " + executionId + " (" + previous.batchStatus()
            + ") cannot be restarted: only the most recent execution of a stopped or failed job can", Response.Status.CONFLICT);
      }
      throw e;
    }
    audit.record(Callers.actor(security, http), AuditAction.JOB_START, "job-execution:" + restarted, "restart of " + executionId);
    return Response.accepted(describe(restarted))
        .location(uri.getBaseUriBuilder().path(JobResource.class).path(Long.toString(restarted)).build())
        .build();
  }

  @GET
  @Path("/{executionId: [0-9]+}/partitions")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The partitions of the execution's job instance that servers sharing the database claimed and ran"
      + " (reward-eval with partitions above 1): step, number, status, the server that ran it, its result or error, and when")
  public List<PartitionWork.Partition> partitions(@PathParam("executionId") long executionId) {
    return partitionWork.ofInstance(describe(executionId).instanceId());
  }

  @GET
  @Path("/{executionId: [0-9]+}/metrics")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The per-step metrics of a training job's instance: loss, tokens, gradient norm, learning rate, and for"
      + " grpo the rewards, KL, clip fraction, entropy, completion length, improvement and degradation rates and step timings")
  public List<TrainingMetrics.Step> metrics(@PathParam("executionId") long executionId) {
    return trainingMetrics.steps(describe(executionId).instanceId());
  }

  /** Starts a job with its parameters, audits it, and answers 202 with the execution and its Location. */
  private Response launch(String job, Properties parameters, UriInfo uri) {
    long executionId = operator().start(job, parameters);
    audit.record(Callers.actor(security, http), AuditAction.JOB_START, "job-execution:" + executionId, job + " " + new TreeMap<>(parameters));
    return Response.accepted(describe(executionId))
        .location(uri.getBaseUriBuilder().path(JobResource.class).path(Long.toString(executionId)).build())
        .build();
  }

  private static long positive(JsonObject request, String field, long fallback, long max) {
    long value = Json.optionalCount(request, field);
    if (value > max) {
      throw new InvalidInputException("'" + field + "' must be at most " + max);
    }
    return value == 0 ? fallback : value;
  }

  @GET
  @Path("/{executionId: [0-9]+}/log")
  @Produces(MediaType.TEXT_PLAIN)
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "The execution's job log: what its threads logged, Liberty's lifecycle and checkpoint messages")
  public Response log(@PathParam("executionId") long executionId) {
    JobExecutionDto execution = describe(executionId);
    java.nio.file.Path folder = new JobLogs(java.nio.file.Path.of(jobLogsDir))
        .executionFolder(execution.jobName(), execution.instanceId(), executionId)
        .orElseThrow(() -> new NotFoundException("job execution " + executionId + " has no log (yet)"));
    return Response.ok(JobLogs.read(folder), "text/plain;charset=UTF-8").build();
  }

  @DELETE
  @Path("/instances/{instanceId: [0-9]+}")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Purge a finished job instance: its executions, steps, result, training metrics and job logs")
  public Response purge(@PathParam("instanceId") long instanceId) {
    // Liberty creates its batch tables on their first use: on a database no job has run on yet,
    // asking the operator first makes them, so the query below finds no row instead of no table
    operator().getJobNames();
    String job = purges.jobName(instanceId, batchSchema)
        .orElseThrow(() -> new NotFoundException("no job instance with id " + instanceId));
    JobOperator jobs = operator();
    JobInstance instance = jobs.getJobInstances(job, 0, Math.max(1, jobs.getJobInstanceCount(job))).stream()
        .filter(i -> i.getInstanceId() == instanceId).findFirst()
        .orElseThrow(() -> new NotFoundException("no job instance with id " + instanceId));
    List<JobExecution> executions = jobs.getJobExecutions(instance);
    if (executions.stream().anyMatch(e -> ACTIVE.contains(e.getBatchStatus()))) {
      throw new ClientErrorException("job instance " + instanceId + " is still running: stop it before purging it",
          Response.Status.CONFLICT);
    }
    purges.purge(instanceId, batchSchema);
    JobLogs logs = new JobLogs(java.nio.file.Path.of(jobLogsDir));
    logs.instanceFolders(job, instanceId).forEach(JobLogs::delete);
    audit.record(Callers.actor(security, http), AuditAction.JOB_PURGE, "job-instance:" + instanceId,
        job + ", " + executions.size() + " executions");
    return Response.noContent().build();
  }

  private static final java.util.Set<BatchStatus> ACTIVE = java.util.EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED,
      BatchStatus.STOPPING);

  @GET
  @Path("/{executionId: [0-9]+}")
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "A job execution: status, exit status, parameters, step metrics and the job's result")
  public JobExecutionDto get(@PathParam("executionId") long executionId) {
    return describe(executionId);
  }

  @POST
  @Path("/{executionId: [0-9]+}/stop")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Ask a running job execution to stop; it can be restarted later")
  public JobExecutionDto stop(@PathParam("executionId") long executionId) {
    describe(executionId); // 404 for an unknown execution
    try {
      operator().stop(executionId);
    } catch (RuntimeException e) {
      if (causedBy(e, JobExecutionNotRunningException.class)) {
        throw new ClientErrorException("job execution " + executionId + " is not running", Response.Status.CONFLICT);
      }
      throw e;
    }
    audit.record(Callers.actor(security, http), AuditAction.JOB_STOP, "job-execution:" + executionId, null);
    return describe(executionId);
  }

  private JobExecutionDto describe(long executionId) {
    JobOperator jobs = operator();
    JobExecution execution;
    try {
      execution = jobs.getJobExecution(executionId);
    } catch (RuntimeException e) {
      // Liberty wraps NoSuchJobExecutionException in its own persistence exception.
      if (causedBy(e, NoSuchJobExecutionException.class)) {
        throw new NotFoundException("no job execution with id " + executionId);
      }
      throw e;
    }
    Map<String, String> parameters = new TreeMap<>();
    Properties given = execution.getJobParameters();
    if (given != null) {
      given.stringPropertyNames().forEach(name -> parameters.put(name, given.getProperty(name)));
    }
    long instanceId = jobs.getJobInstance(executionId).getInstanceId();
    return new JobExecutionDto(
        executionId,
        instanceId,
        execution.getJobName(),
        execution.getBatchStatus().name(),
        execution.getExitStatus(),
        instant(execution.getCreateTime()),
        instant(execution.getStartTime()),
        instant(execution.getEndTime()),
        parameters,
        jobs.getStepExecutions(executionId).stream().map(JobResource::step).toList(),
        results.find(instanceId).map(text -> Json.parse(text)).orElse(null),
        trainingMetrics.last(instanceId).orElse(null));
  }

  private static JobExecutionDto.StepDto step(StepExecution step) {
    Map<String, Long> metrics = new TreeMap<>();
    Arrays.stream(step.getMetrics()).forEach(m -> metrics.put(m.getType().name(), m.getValue()));
    return new JobExecutionDto.StepDto(
        step.getStepName(),
        step.getBatchStatus().name(),
        step.getExitStatus(),
        instant(step.getStartTime()),
        instant(step.getEndTime()),
        metrics);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static JobOperator operator() {
    return BatchRuntime.getJobOperator();
  }
}
