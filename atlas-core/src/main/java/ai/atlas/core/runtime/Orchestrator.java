package ai.atlas.core.runtime;

import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.runtime.PromptTemplates.Template;
import ai.atlas.core.runtime.RunResult.Step;
import ai.atlas.core.runtime.TeacherReplies.PlanReview;
import ai.atlas.core.runtime.TeacherReplies.Verdict;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.TokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  public Orchestrator(AgentAdapter student, ChatModel teacher, Optional<ChatModel> probe, OrchestrationSettings settings,
      PromptTemplates prompts) {
    this.student = student;
    this.teacher = teacher;
    this.probe = probe;
    this.settings = settings;
    this.prompts = prompts;
  }

  /** One run of the loop; {@code rewardHistory} is the learning key's past session rewards, oldest first. */
  public RunResult run(String task, List<Double> rewardHistory, List<String> playbook, SessionEvents events) {
    Run run = new Run(task, playbook, events);
    TriageDossier dossier = TriageDossier.of(task, rewardHistory, playbook.size());
    events.event("triage", dossier.toEvent());
    Lane lane = chooseLane(task, rewardHistory, dossier, events);
    try {
      return switch (lane) {
        case AUTO -> run.auto();
        case PAIRED -> run.paired();
        case COACH -> run.stepwise(Lane.COACH);
        case ESCALATE -> run.stepwise(Lane.ESCALATE);
      };
    } catch (PluginException e) {
      events.event("session.failed", Map.of("reason", e.getMessage()));
      return new RunResult(SessionStatus.FAILED, lane, null, run.steps, run.usage, e.getMessage());
    }
  }

  Lane chooseLane(String task, List<Double> history, SessionEvents events) {
    return chooseLane(task, history, TriageDossier.of(task, history, 0), events);
  }

  Lane chooseLane(String task, List<Double> history, TriageDossier dossier, SessionEvents events) {
    if (settings.forced() != null) {
      events.event("lane.chosen", Map.of("lane", settings.forced().wireName(), "why", "forced"));
      return settings.forced();
    }
    if (probe.isPresent()) {
      Template template = prompts.get(PromptTemplates.PROBE);
      try {
        ChatResponse reply = probe.get().chat(ChatRequest.of(List.of(ChatMessage.user(
            template.render(Map.of("task", task, "dossier", dossier.toPrompt()))))));
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
    events.event("lane.chosen", Map.of("lane", Lane.PAIRED.wireName(), "why", "no history and no probe"));
    return Lane.PAIRED;
  }

  /** The state of one run. */
  private final class Run {
    final String task;
    final List<String> playbook;
    final SessionEvents events;
    final List<Step> steps = new ArrayList<>();
    TokenUsage usage = TokenUsage.ZERO;

    Run(String task, List<String> playbook, SessionEvents events) {
      this.task = task;
      this.playbook = playbook;
      this.events = events;
    }

    RunResult auto() {
      String answer = ask(task, null, "answer", null);
      steps.add(new Step("answer", answer, 1, false));
      return done(SessionStatus.SUCCEEDED, Lane.AUTO, answer);
    }

    /** Answer, validate, retry with guidance; the last retry is validated too. */
    RunResult paired() {
      String guidance = null;
      String answer = null;
      for (int attempt = 1; attempt <= settings.maxRetries() + 1; attempt++) {
        answer = ask(task, guidance, "answer", attempt);
        Verdict verdict = validate(answer, attempt);
        if (verdict.valid()) {
          steps.add(new Step("answer", answer, attempt, true));
          return done(SessionStatus.SUCCEEDED, Lane.PAIRED, answer);
        }
        guidance = verdict.guidance();
      }
      steps.add(new Step("answer", answer, settings.maxRetries() + 1, false));
      return done(SessionStatus.NEEDS_REVIEW, Lane.PAIRED, answer);
    }

    /** Plan, teacher review, each step validated with guided retries, then a synthesis. */
    RunResult stepwise(Lane lane) {
      Template planner = prompts.get(PromptTemplates.STUDENT_PLANNER);
      String planText = ask(planner.render(Map.of("task", task)), null, "plan", null, planner);
      List<String> plan = TeacherReplies.steps(planText);
      if (plan.isEmpty()) {
        plan = List.of(task);
      }
      Template review = prompts.get(PromptTemplates.TEACHER_PLAN_REVIEW);
      PlanReview reviewed = TeacherReplies.planReview(
          teacherSays(review.render(Map.of("task", task, "plan", String.join("\n", plan))), review, "plan.review"), plan);
      plan = reviewed.plan();
      events.event("plan", Map.of("steps", plan, "approved", reviewed.approved(), "feedback", reviewed.feedback()));

      Template executor = prompts.get(PromptTemplates.STUDENT_EXECUTOR);
      for (String description : plan) {
        String guidance = lane == Lane.ESCALATE ? guidanceBefore(description) : null;
        String output = null;
        boolean validated = false;
        int attempt = 1;
        for (; attempt <= settings.maxRetries() + 1; attempt++) {
          String prompt = executor.render(Map.of("task", task, "previous", previous(), "step", description));
          output = ask(prompt, guidance, "step", attempt, executor);
          Verdict verdict = validate(output, attempt);
          if (verdict.valid()) {
            validated = true;
            break;
          }
          guidance = verdict.guidance();
        }
        steps.add(new Step(description, output, Math.min(attempt, settings.maxRetries() + 1), validated));
        events.event("step", Map.of("description", description, "output", output, "validated", validated));
        if (!validated) {
          SessionStatus outcome = lane == Lane.ESCALATE ? SessionStatus.ESCALATED : SessionStatus.NEEDS_REVIEW;
          return done(outcome, lane, output);
        }
      }
      Template synthesizer = prompts.get(PromptTemplates.STUDENT_SYNTHESIZER);
      String answer = ask(synthesizer.render(Map.of("task", task, "previous", previous())), null, "synthesis", null, synthesizer);
      return done(SessionStatus.SUCCEEDED, lane, answer);
    }

    private String guidanceBefore(String step) {
      Template template = prompts.get(PromptTemplates.TEACHER_GUIDANCE);
      return teacherSays(template.render(Map.of("task", task, "step", step, "previous", previous())), template, "guidance").strip();
    }

    private Verdict validate(String answer, int attempt) {
      Template template = prompts.get(PromptTemplates.TEACHER_VALIDATION);
      String playbookText = playbook.isEmpty() ? "" : "What worked on similar tasks: " + String.join("; ", playbook);
      Verdict verdict = TeacherReplies.verdict(teacherSays(
          template.render(Map.of("task", task, "answer", answer, "playbook", playbookText)), template, "validation"));
      events.event("validation", Map.of("attempt", attempt, "valid", verdict.valid(), "guidance", verdict.guidance()));
      return verdict;
    }

    private String ask(String prompt, String guidance, String purpose, Integer attempt) {
      return ask(prompt, guidance, purpose, attempt, null);
    }

    private String ask(String prompt, String guidance, String purpose, Integer attempt, Template template) {
      AgentAnswer answer = student.run(new AgentTask(prompt, guidance, playbook, Map.of()));
      usage = usage.plus(answer.usage());
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
      events.event("student.call", payload);
      return answer.answer();
    }

    private String teacherSays(String prompt, Template template, String purpose) {
      ChatResponse reply = teacher.chat(ChatRequest.of(List.of(ChatMessage.user(prompt))));
      usage = usage.plus(reply.usage());
      events.event("teacher.call", Map.of("purpose", purpose, "template", template.name() + "@" + template.version(),
          "reply", reply.message().content(), "prompt_tokens", reply.usage().promptTokens(),
          "completion_tokens", reply.usage().completionTokens()));
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
      return new RunResult(status, lane, answer, List.copyOf(steps), usage, null);
    }
  }
}
