package ai.atlas.core.runtime;

import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.profile.OrchestrationSettings;
import ai.atlas.core.profile.PromptTemplates.Template;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.runtime.PriceTable.Price;
import ai.atlas.core.runtime.RunResult.Attempt;
import ai.atlas.core.runtime.RunResult.Step;
import ai.atlas.core.runtime.TeacherReplies.PlanReview;
import ai.atlas.core.runtime.TeacherReplies.Verdict;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatOptions;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.TokenUsage;
import ai.atlas.spi.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The student/teacher loop of one session: choose the lane (forced, else the probe's confidence,
 * else the learning key's reward history, else paired; a failing probe falls back), then run it.
 * Every call is reported to {@link SessionEvents} with the template name and version it used. A
 * plugin failure ends the session as failed with the reason; it never escapes.
 */
public final class Orchestrator {

  private static final int HISTORY_WINDOW = 50;

  private final AgentAdapter student;
  private final ChatModel teacher;
  private final Optional<ChatModel> probe;
  private final OrchestrationSettings settings;
  private final PromptTemplates prompts;
  private final Pricing pricing;
  /** The profile whose plan reviews may be reused (teacher.plan_cache_seconds), or null: none. */
  private String planCacheOwner;
  private PlanReviews planReviews = PlanReviews.shared();

  /** The prices of the session's models, where the price table has them. */
  public record Pricing(Optional<Price> student, Optional<Price> teacher, Optional<Price> probe) {
    public static final Pricing NONE = new Pricing(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public Orchestrator(AgentAdapter student, ChatModel teacher, Optional<ChatModel> probe, OrchestrationSettings settings,
      PromptTemplates prompts) {
    this(student, teacher, probe, settings, prompts, Pricing.NONE);
  }

  public Orchestrator(AgentAdapter student, ChatModel teacher, Optional<ChatModel> probe, OrchestrationSettings settings,
      PromptTemplates prompts, Pricing pricing) {
    this.student = student;
    this.teacher = teacher;
    this.probe = probe;
    this.settings = settings;
    this.prompts = prompts;
    this.pricing = pricing;
  }

  /** Reuses the teacher's plan reviews of this profile for its settings' plan cache time. */
  public Orchestrator cachingPlanReviewsOf(String profile) {
    this.planCacheOwner = profile;
    return this;
  }

  Orchestrator cachingPlanReviewsOf(String profile, PlanReviews cache) {
    this.planReviews = cache;
    return cachingPlanReviewsOf(profile);
  }

  /** One run of the loop; {@code rewardHistory} is the learning key's past session rewards, oldest first. */
  public RunResult run(String task, List<Double> rewardHistory, List<String> playbook, SessionEvents events) {
    return run(AgentTask.of(task), rewardHistory, playbook, events);
  }

  /**
   * One run of a task that came with the caller's chat (conversation, tools, tool choice): the
   * student is handed them whenever it is asked the task itself, and the tools on every call.
   */
  public RunResult run(AgentTask request, List<Double> rewardHistory, List<String> playbook, SessionEvents events) {
    return run(request, rewardHistory, playbook, playbook, events);
  }

  /** A run whose student and teacher get playbooks of their own (entries by audience). */
  public RunResult run(AgentTask request, List<Double> rewardHistory, List<String> playbook, List<String> teacherPlaybook,
      SessionEvents events) {
    String task = request.task();
    Run run = new Run(request, playbook, events);
    run.teacherPlaybook = teacherPlaybook;
    TriageDossier dossier = TriageDossier.of(task, rewardHistory, playbook.size(), settings.triage().evidenceLimit());
    events.event("triage", dossier.toEvent());
    Lane lane = chooseLane(task, rewardHistory, dossier, events, usage -> run.spent(usage, pricing.probe()));
    try {
      return switch (lane) {
        case AUTO -> run.auto();
        case PAIRED -> run.paired();
        case COACH -> run.stepwise(Lane.COACH);
        case ESCALATE -> run.stepwise(Lane.ESCALATE);
      };
    } catch (PluginException e) {
      events.event("session.failed", Map.of("reason", e.getMessage()));
      return new RunResult(SessionStatus.FAILED, lane, null, run.plan, run.steps, run.usage, run.cost, e.getMessage());
    }
  }

  /**
   * One more guided attempt at an answer the judges scored under the profile's
   * {@code rim.retry_threshold}: the teacher's guidance (its guidance template, shown the answer
   * and the judges' rationale), then the student's answer with it, added to the run as a step
   * {@code retry}. The status and lane stay the first run's; a plugin failure is an event and
   * answers {@code first} unchanged.
   */
  public RunResult retry(AgentTask request, RunResult first, String judgesSaid, List<String> playbook, SessionEvents events) {
    Run run = new Run(request, playbook, events);
    try {
      return run.retryOf(first, judgesSaid);
    } catch (PluginException e) {
      events.event("retry.failed", Map.of("reason", String.valueOf(e.getMessage())));
      return first.withMoreUsage(run.usage);
    }
  }

  Lane chooseLane(String task, List<Double> history, SessionEvents events) {
    return chooseLane(task, history, TriageDossier.of(task, history, 0), events, usage -> { });
  }

  private Lane chooseLane(String task, List<Double> history, TriageDossier dossier, SessionEvents events,
      Consumer<TokenUsage> spent) {
    if (settings.forced() != null) {
      events.event("lane.chosen", Map.of("lane", settings.forced().wireName(), "why", "forced"));
      return settings.forced();
    }
    if (probe.isPresent()) {
      Template template = prompts.get(PromptTemplates.PROBE);
      try {
        ChatResponse reply = probe.get().chat(ChatRequest.of(List.of(ChatMessage.user(
            template.render(Map.of("task", task, "dossier", dossier.toPrompt()))))));
        spent.accept(reply.usage());
        Optional<Double> confidence = TeacherReplies.confidence(reply.message().content());
        if (confidence.isPresent()) {
          Lane lane = settings.laneFor(confidence.get());
          events.event("lane.chosen", Map.of("lane", lane.wireName(), "why", "probe", "confidence", confidence.get(),
              "template", template.name() + "@" + template.version()));
          return lane;
        }
        events.event("probe.failed", Map.of("reason", "no confidence in the probe's answer"));
      } catch (RuntimeException e) {
        events.event("probe.failed", Map.of("reason", String.valueOf(e.getMessage())));
      }
      events.event("lane.chosen", Map.of("lane", settings.fallback().wireName(), "why", "fallback"));
      return settings.fallback();
    }
    if (!history.isEmpty()) {
      List<Double> recent = history.subList(Math.max(0, history.size() - HISTORY_WINDOW), history.size());
      double capability = recent.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      Lane lane = settings.laneFor(capability);
      events.event("lane.chosen", Map.of("lane", lane.wireName(), "why", "history", "capability", capability, "sessions", recent.size()));
      return lane;
    }
    // a learning key's first session is certified by the teacher, unless the profile says certify_first_run: false
    Lane first = settings.triage().certifyFirstRun() ? Lane.PAIRED : Lane.AUTO;
    events.event("lane.chosen", Map.of("lane", first.wireName(), "why", "no history and no probe"));
    return first;
  }

  /** The state of one run. */
  private final class Run {
    final String task;
    final AgentTask request;
    final List<String> playbook;
    /** The entries the teacher's validations are shown; the student's by default. */
    List<String> teacherPlaybook;
    final SessionEvents events;
    final List<Step> steps = new ArrayList<>();
    List<String> plan = List.of();
    TokenUsage usage = TokenUsage.ZERO;
    Double cost;

    Run(AgentTask request, List<String> playbook, SessionEvents events) {
      this.task = request.task();
      this.request = request;
      this.playbook = playbook;
      this.teacherPlaybook = playbook;
      this.events = events;
    }

    /** Adds a call's tokens, and its cost where the model has a price; answers the call's cost. */
    Double spent(TokenUsage used, Optional<Price> price) {
      usage = usage.plus(used);
      if (price.isEmpty()) {
        return null;
      }
      double callCost = price.get().cost(used);
      cost = (cost == null ? 0 : cost) + callCost;
      return callCost;
    }

    RunResult auto() {
      AgentAnswer answer = ask(task, null, "answer", null, null);
      steps.add(new Step("answer", answer.answer(), List.of(new Attempt(1, null, answer.answer(), null, null)), false,
          toolCalls(answer)));
      return done(SessionStatus.SUCCEEDED, Lane.AUTO, answer.answer());
    }

    /** Answer, validate, retry with guidance; the last retry is validated too. */
    RunResult paired() {
      List<Attempt> attempts = new ArrayList<>();
      String guidance = null;
      AgentAnswer answer = null;
      for (int attempt = 1; attempt <= settings.maxRetries() + 1; attempt++) {
        answer = ask(task, guidance, "answer", attempt, null);
        Verdict verdict = validate(answer.answer(), attempt);
        attempts.add(new Attempt(attempt, guidance, answer.answer(), verdict.valid(), feedback(verdict)));
        if (verdict.valid()) {
          steps.add(new Step("answer", answer.answer(), attempts, true, toolCalls(answer)));
          return done(SessionStatus.SUCCEEDED, Lane.PAIRED, answer.answer());
        }
        guidance = verdict.guidance();
      }
      steps.add(new Step("answer", answer.answer(), attempts, false, toolCalls(answer)));
      return done(SessionStatus.NEEDS_REVIEW, Lane.PAIRED, answer.answer());
    }

    /** Plan, teacher review, each step validated with guided retries, then a synthesis. */
    RunResult stepwise(Lane lane) {
      Template planner = prompts.get(PromptTemplates.STUDENT_PLANNER);
      String planText = ask(planner.render(Map.of("task", task)), null, "plan", null, planner).answer();
      List<String> proposed = TeacherReplies.steps(planText);
      if (proposed.isEmpty()) {
        proposed = List.of(task);
      }
      Template review = prompts.get(PromptTemplates.TEACHER_PLAN_REVIEW);
      PlanReview reviewed = TeacherReplies.planReview(reviewOf(review.render(Map.of("task", task, "plan", String.join("\n", proposed))),
          review), proposed);
      plan = reviewed.plan();
      events.event("plan", Map.of("steps", plan, "approved", reviewed.approved(), "feedback", reviewed.feedback()));

      Template executor = prompts.get(PromptTemplates.STUDENT_EXECUTOR);
      for (String description : plan) {
        String guidance = lane == Lane.ESCALATE ? guidanceBefore(description) : null;
        List<Attempt> attempts = new ArrayList<>();
        AgentAnswer output = null;
        boolean validated = false;
        for (int attempt = 1; attempt <= settings.maxRetries() + 1 && !validated; attempt++) {
          String prompt = executor.render(Map.of("task", task, "previous", previous(), "step", description));
          output = ask(prompt, guidance, "step", attempt, executor);
          Verdict verdict = validate(output.answer(), attempt);
          attempts.add(new Attempt(attempt, guidance, output.answer(), verdict.valid(), feedback(verdict)));
          validated = verdict.valid();
          guidance = verdict.guidance();
        }
        steps.add(new Step(description, output.answer(), attempts, validated, toolCalls(output)));
        events.event("step", Map.of("description", description, "output", output.answer(), "validated", validated,
            "attempts", attempts.size()));
        if (!validated) {
          SessionStatus outcome = lane == Lane.ESCALATE ? SessionStatus.ESCALATED : SessionStatus.NEEDS_REVIEW;
          return done(outcome, lane, output.answer());
        }
      }
      Template synthesizer = prompts.get(PromptTemplates.STUDENT_SYNTHESIZER);
      String answer = ask(synthesizer.render(Map.of("task", task, "previous", previous())), null, "synthesis", null, synthesizer)
          .answer();
      return done(SessionStatus.SUCCEEDED, lane, answer);
    }

    RunResult retryOf(RunResult first, String judgesSaid) {
      Template template = prompts.get(PromptTemplates.TEACHER_GUIDANCE);
      String previous = "1. the whole task -> " + first.finalAnswer()
          + (judgesSaid == null || judgesSaid.isBlank() ? "" : "\nThe judges said: " + judgesSaid);
      String guidance = teacherSays(template.render(Map.of("task", task,
          "step", "Answer the whole task again: the judges scored the answer so far below the profile's retry threshold",
          "previous", previous)), template, "guidance").strip();
      AgentAnswer answer = ask(task, guidance, "retry", 1, null);
      List<Step> all = new ArrayList<>(first.steps());
      all.add(new Step("retry", answer.answer(), List.of(new Attempt(1, guidance, answer.answer(), null, null)), false, toolCalls(answer)));
      Double firstCost = first.costUsd();
      Double total = firstCost == null && cost == null ? null : (firstCost == null ? 0 : firstCost) + (cost == null ? 0 : cost);
      return new RunResult(first.status(), first.lane(), answer.answer(), first.plan(), all, first.usage().plus(usage), total, null);
    }

    /** The teacher's review of a plan, or the one it gave the same prompt within the profile's plan cache time. */
    private String reviewOf(String prompt, Template review) {
      boolean caching = planCacheOwner != null && settings.triage().cachesPlans();
      if (caching) {
        Optional<String> kept = planReviews.reply(planCacheOwner, prompt);
        if (kept.isPresent()) {
          events.event("plan.review.cached", Map.of("template", review.name() + "@" + review.version()));
          return kept.get();
        }
      }
      String reply = teacherSays(prompt, review, "plan.review");
      if (caching) {
        planReviews.keep(planCacheOwner, prompt, reply, settings.triage().planCache());
      }
      return reply;
    }

    private String guidanceBefore(String step) {
      Template template = prompts.get(PromptTemplates.TEACHER_GUIDANCE);
      return teacherSays(template.render(Map.of("task", task, "step", step, "previous", previous())), template, "guidance").strip();
    }

    private Verdict validate(String answer, int attempt) {
      Template template = prompts.get(PromptTemplates.TEACHER_VALIDATION);
      String playbookText = teacherPlaybook.isEmpty() ? "" : "What worked on similar tasks: " + String.join("; ", teacherPlaybook);
      Verdict verdict = TeacherReplies.verdict(teacherSays(
          template.render(Map.of("task", task, "answer", answer, "playbook", playbookText)), template, "validation"));
      events.event("validation", Map.of("attempt", attempt, "valid", verdict.valid(), "guidance", verdict.guidance()));
      return verdict;
    }

    private AgentAnswer ask(String prompt, String guidance, String purpose, Integer attempt, Template template) {
      AgentTask call = new AgentTask(prompt, guidance, playbook, Map.of()).withMaxTokens(settings.studentLimits().forPurpose(purpose));
      if (!request.conversation().isEmpty() || !request.tools().isEmpty()) {
        // the caller's chat goes with the task itself; a plan or step prompt gets the tools only
        call = call.withConversation(prompt.equals(task) ? request.conversation() : List.of(), request.tools(), request.toolChoice());
      }
      AgentAnswer answer = student.run(call);
      Double callCost = spent(answer.usage(), pricing.student());
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("purpose", purpose);
      if (attempt != null) {
        payload.put("attempt", attempt);
      }
      if (guidance != null) {
        payload.put("guidance", guidance);
      }
      payload.put("template", template == null ? "task" : template.name() + "@" + template.version());
      payload.put("answer", answer.answer());
      payload.put("prompt_tokens", answer.usage().promptTokens());
      payload.put("completion_tokens", answer.usage().completionTokens());
      if (callCost != null) {
        payload.put("cost_usd", callCost);
      }
      List<ToolCall> calls = toolCalls(answer);
      if (!calls.isEmpty()) {
        payload.put("tool_calls", calls.stream().map(Orchestrator::toolCallEvent).toList());
      }
      events.event("student.call", payload);
      return answer;
    }

    private String teacherSays(String prompt, Template template, String purpose) {
      ChatRequest request = ChatRequest.of(List.of(ChatMessage.user(prompt)));
      Integer cap = settings.teacherLimits().forPurpose(purpose);
      ChatResponse reply = teacher.chat(cap == null ? request : request.withOptions(ChatOptions.DEFAULTS.withMaxTokens(cap)));
      Double callCost = spent(reply.usage(), pricing.teacher());
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("purpose", purpose);
      payload.put("template", template.name() + "@" + template.version());
      payload.put("reply", reply.message().content());
      payload.put("prompt_tokens", reply.usage().promptTokens());
      payload.put("completion_tokens", reply.usage().completionTokens());
      if (callCost != null) {
        payload.put("cost_usd", callCost);
      }
      events.event("teacher.call", payload);
      return reply.message().content();
    }

    private String previous() {
      if (steps.isEmpty()) {
        return "(none yet)";
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < steps.size(); i++) {
        out.append(i + 1).append(". ").append(steps.get(i).description()).append(" -> ").append(steps.get(i).output()).append('\n');
      }
      return out.toString().strip();
    }

    private RunResult done(SessionStatus status, Lane lane, String answer) {
      events.event("session.finished", Map.of("status", status.name().toLowerCase(java.util.Locale.ROOT), "lane", lane.wireName()));
      return new RunResult(status, lane, answer, plan, steps, usage, cost, null);
    }
  }

  private static String feedback(Verdict verdict) {
    return verdict.guidance() == null || verdict.guidance().isBlank() ? null : verdict.guidance();
  }

  /** The agent's tool calls: those of its steps, in order, then those outside any step. */
  private static List<ToolCall> toolCalls(AgentAnswer answer) {
    List<ToolCall> calls = new ArrayList<>();
    answer.steps().forEach(step -> calls.addAll(step.toolCalls()));
    calls.addAll(answer.toolCalls());
    return calls;
  }

  static Map<String, Object> toolCallEvent(ToolCall call) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", call.id());
    event.put("name", call.name());
    event.put("arguments", call.arguments());
    event.put("result", call.result());
    event.put("succeeded", call.succeeded());
    return event;
  }
}
