package ai.atlas.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.profile.Lane;
import ai.atlas.core.profile.OrchestrationSettings;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentAnswer;
import ai.atlas.spi.AgentTask;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each lane's control flow with scripted student and teacher doubles. */
class OrchestratorTest {

  /** A student that answers from a script, in order, and remembers each task and guidance. */
  static final class Student implements AgentAdapter {
    final Deque<String> script = new ArrayDeque<>();
    final List<AgentTask> asked = new ArrayList<>();

    Student says(String... answers) {
      script.addAll(List.of(answers));
      return this;
    }

    @Override
    public AgentAnswer run(AgentTask task) {
      asked.add(task);
      if (script.isEmpty()) {
        throw new PluginException("the scripted student has nothing more to say");
      }
      return new AgentAnswer(script.poll(), List.of(), List.of(), new TokenUsage(10, 5), Map.of());
    }
  }

  /** A teacher (or probe) that replies from a script, in order. */
  static final class Teacher implements ChatModel {
    final Deque<String> script = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();
    final List<Integer> maxTokens = new ArrayList<>();

    Teacher says(String... replies) {
      script.addAll(List.of(replies));
      return this;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      prompts.add(request.messages().get(request.messages().size() - 1).content());
      maxTokens.add(request.options().maxTokens());
      if (script.isEmpty()) {
        throw new PluginException("the scripted teacher has nothing more to say");
      }
      return new ChatResponse(ChatMessage.assistant(script.poll()), new TokenUsage(7, 3), null, "stop");
    }
  }

  private static final String VALID = "{\"valid\": true}";

  private final Student student = new Student();
  private final Teacher teacher = new Teacher();
  private final List<String> events = new ArrayList<>();
  private final List<Map<String, Object>> payloads = new ArrayList<>();

  private RunResult run(OrchestrationSettings settings, Optional<ChatModel> probe, List<Double> history) {
    Orchestrator orchestrator = new Orchestrator(student, teacher, probe, settings, PromptTemplates.defaults());
    return orchestrator.run("What is 6*7?", history, List.of("multiply, do not add"), (type, payload) -> {
      events.add(type);
      payloads.add(payload);
    });
  }

  private RunResult run(Lane lane) {
    return run(OrchestrationSettings.DEFAULTS.withForced(lane), Optional.empty(), List.of());
  }

  @Test
  void autoIsOneStudentPassWithoutTheTeacher() {
    student.says("42");

    RunResult result = run(Lane.AUTO);

    assertThat(result.status()).isEqualTo(SessionStatus.SUCCEEDED);
    assertThat(result.finalAnswer()).isEqualTo("42");
    assertThat(teacher.prompts).isEmpty();
    assertThat(result.usage()).isEqualTo(new TokenUsage(10, 5));
  }

  @Test
  void pairedRetriesWithTheTeachersGuidance() {
    student.says("13", "42");
    teacher.says("{\"valid\": false, \"guidance\": \"multiply, do not add\"}", VALID);

    RunResult result = run(Lane.PAIRED);

    assertThat(result.status()).isEqualTo(SessionStatus.SUCCEEDED);
    assertThat(result.finalAnswer()).isEqualTo("42");
    assertThat(result.steps()).singleElement().satisfies(s -> assertThat(s.attempts()).isEqualTo(2));
    assertThat(student.asked.get(0).guidance()).isNull();
    assertThat(student.asked.get(1).guidance()).isEqualTo("multiply, do not add");
    assertThat(teacher.prompts.get(0)).contains("Answer: 13").contains("What worked on similar tasks: multiply, do not add");
    assertThat(result.usage()).isEqualTo(new TokenUsage(2 * 10 + 2 * 7, 2 * 5 + 2 * 3));
    assertThat(result.steps().get(0).tries()).containsExactly(
        new RunResult.Attempt(1, null, "13", false, "multiply, do not add"),
        new RunResult.Attempt(2, "multiply, do not add", "42", true, null));
    assertThat(result.steps().get(0).guidance()).containsExactly("multiply, do not add");
    assertThat(result.costUsd()).isNull();
  }

  @Test
  void pairedValidatesTheLastRetryTooAndEndsNeedingReview() {
    student.says("13", "14");
    teacher.says("{\"valid\": false, \"guidance\": \"try again\"}", "{\"valid\": false, \"guidance\": \"still wrong\"}");

    RunResult result = run(Lane.PAIRED);

    assertThat(result.status()).isEqualTo(SessionStatus.NEEDS_REVIEW);
    assertThat(result.finalAnswer()).isEqualTo("14");
    assertThat(teacher.prompts).hasSize(2);
    assertThat(teacher.prompts.get(1)).contains("Answer: 14");
  }

  @Test
  void coachPlansValidatesEachStepAndSynthesizes() {
    student.says("1. multiply 6 by 7\n2. state the result", "42", "the result is 41", "the result is 42", "42");
    teacher.says("{\"approved\": true}", VALID, "{\"valid\": false, \"guidance\": \"6*7 is 42\"}", VALID);

    RunResult result = run(Lane.COACH);

    assertThat(result.status()).isEqualTo(SessionStatus.SUCCEEDED);
    assertThat(result.finalAnswer()).isEqualTo("42");
    assertThat(result.steps()).extracting(RunResult.Step::description).containsExactly("multiply 6 by 7", "state the result");
    assertThat(result.steps()).extracting(RunResult.Step::attempts).containsExactly(1, 2);
    assertThat(student.asked.get(3).guidance()).isEqualTo("6*7 is 42");
    assertThat(student.asked.get(4).task()).startsWith("Task: What is 6*7?").contains("Give the final answer");
    assertThat(events).containsSubsequence("lane.chosen", "plan", "step", "step", "session.finished");
  }

  @Test
  void theTeacherMayReplaceThePlan() {
    student.says("1. guess", "42", "42");
    teacher.says("{\"approved\": false, \"plan\": [\"compute 6*7\"], \"feedback\": \"do not guess\"}", VALID);

    RunResult result = run(Lane.COACH);

    assertThat(result.steps()).extracting(RunResult.Step::description).containsExactly("compute 6*7");
  }

  @Test
  void aStepThatNeverValidatesNeedsReviewInCoachAndEscalatesInEscalate() {
    student.says("1. compute", "41", "40");
    teacher.says("{\"approved\": true}", "{\"valid\": false, \"guidance\": \"no\"}", "{\"valid\": false, \"guidance\": \"no\"}");
    assertThat(run(Lane.COACH).status()).isEqualTo(SessionStatus.NEEDS_REVIEW);

    Student again = new Student().says("1. compute", "41", "40");
    Teacher strict = new Teacher().says("{\"approved\": true}", "think in tens", "{\"valid\": false, \"guidance\": \"no\"}", "{\"valid\": false}");
    RunResult escalated = new Orchestrator(again, strict, Optional.empty(), OrchestrationSettings.DEFAULTS.withForced(Lane.ESCALATE),
        PromptTemplates.defaults()).run("What is 6*7?", List.of(), List.of(), SessionEvents.NONE);

    assertThat(escalated.status()).isEqualTo(SessionStatus.ESCALATED);
    // In escalate the teacher guides before the step.
    assertThat(strict.prompts.get(1)).contains("Before the student does the next step");
    assertThat(again.asked.get(1).guidance()).isEqualTo("think in tens");
  }

  @Test
  void eachTeacherReplyIsCappedByItsPurposesLimit() {
    Student again = new Student().says("1. compute", "42", "42");
    Teacher capped = new Teacher().says("{\"approved\": true}", "think in tens", VALID);
    OrchestrationSettings limits = new OrchestrationSettings(1, 0.85, 0.65, 0.35, Lane.ESCALATE, Lane.PAIRED,
        new OrchestrationSettings.TeacherLimits(300, 40, 120));
    new Orchestrator(again, capped, Optional.empty(), limits, PromptTemplates.defaults()).run("What is 6*7?", List.of(), List.of(),
        SessionEvents.NONE);
    // plan review, guidance before the step, validation of it
    assertThat(capped.maxTokens).containsExactly(300, 120, 40);

    student.says("13", "42");
    teacher.says("{\"valid\": false, \"guidance\": \"multiply\"}", VALID);
    run(Lane.PAIRED);
    assertThat(teacher.maxTokens).as("no limit: the model's own").containsExactly(null, null);
  }

  @Test
  void eachStudentCallIsCappedByItsPurposesLimit() {
    Student coached = new Student().says("1. compute", "42", "The answer is 42");
    Teacher approving = new Teacher().says("{\"approved\": true}", VALID);
    OrchestrationSettings limits = new OrchestrationSettings(1, 0.85, 0.65, 0.35, Lane.COACH, Lane.PAIRED,
        OrchestrationSettings.TeacherLimits.NONE, new OrchestrationSettings.StudentLimits(200, 80, 50, null), true);
    new Orchestrator(coached, approving, Optional.empty(), limits, PromptTemplates.defaults()).run("What is 6*7?", List.of(), List.of(),
        SessionEvents.NONE);
    // the plan, the step, the synthesis
    assertThat(coached.asked).extracting(AgentTask::maxTokens).containsExactly(200, 80, 50);

    Student alone = new Student().says("42");
    new Orchestrator(alone, teacher, Optional.empty(), limits.withForced(Lane.AUTO), PromptTemplates.defaults())
        .run("What is 6*7?", List.of(), List.of(), SessionEvents.NONE);
    assertThat(alone.asked).extracting(AgentTask::maxTokens).as("a one-pass answer is a step").containsExactly(80);

    student.says("42");
    teacher.says(VALID);
    run(Lane.PAIRED);
    assertThat(student.asked).extracting(AgentTask::maxTokens).as("no limit: the agent's own").containsExactly((Integer) null);
  }

  @Test
  void aRetryAsksTheTeacherWithTheJudgesWordsAndTheStudentWithItsGuidance() {
    student.says("13");
    RunResult first = run(Lane.AUTO);
    student.says("42");
    teacher.says("multiply the two numbers");

    RunResult again = new Orchestrator(student, teacher, Optional.empty(), OrchestrationSettings.DEFAULTS, PromptTemplates.defaults())
        .retry(AgentTask.of("What is 6*7?"), first, "13 is the sum, not the product", List.of(), SessionEvents.NONE);

    assertThat(teacher.prompts.get(teacher.prompts.size() - 1)).contains("-> 13").contains("The judges said: 13 is the sum, not the product");
    assertThat(student.asked.get(1).guidance()).isEqualTo("multiply the two numbers");
    assertThat(again.finalAnswer()).isEqualTo("42");
    assertThat(again.steps()).extracting(RunResult.Step::description).containsExactly("answer", "retry");
    assertThat(again.status()).isEqualTo(first.status());
    assertThat(again.lane()).isEqualTo(Lane.AUTO);
    // both student calls and the teacher's guidance
    assertThat(again.usage()).isEqualTo(new TokenUsage(10 + 10 + 7, 5 + 5 + 3));

    List<String> seen = new ArrayList<>();
    RunResult unchanged = new Orchestrator(student, teacher, Optional.empty(), OrchestrationSettings.DEFAULTS, PromptTemplates.defaults())
        .retry(AgentTask.of("What is 6*7?"), first, null, List.of(), (type, payload) -> seen.add(type));
    assertThat(unchanged.finalAnswer()).isEqualTo("13");
    assertThat(unchanged.steps()).hasSize(1);
    assertThat(seen).contains("retry.failed");
  }

  @Test
  void withoutCertifyFirstRunAKeysFirstSessionRunsAloneAndTheProbeSeesTheRecentRewards() {
    OrchestrationSettings uncertified = new OrchestrationSettings(1, 0.85, 0.65, 0.35, null, Lane.PAIRED,
        OrchestrationSettings.TeacherLimits.NONE, OrchestrationSettings.StudentLimits.NONE, true,
        new OrchestrationSettings.Triage(false, 2, null, List.of()));
    assertThat(new Orchestrator(student, teacher, Optional.empty(), uncertified, PromptTemplates.defaults())
        .chooseLane("t", List.of(), SessionEvents.NONE)).isEqualTo(Lane.AUTO);
    assertThat(new Orchestrator(student, teacher, Optional.empty(), OrchestrationSettings.DEFAULTS, PromptTemplates.defaults())
        .chooseLane("t", List.of(), SessionEvents.NONE)).isEqualTo(Lane.PAIRED);

    Teacher probe = new Teacher().says("{\"confidence\": 0.9}");
    student.says("42");
    new Orchestrator(student, teacher, Optional.of(probe), uncertified, PromptTemplates.defaults())
        .run("What is 6*7?", List.of(0.1, 0.2, 0.3), List.of(), SessionEvents.NONE);
    assertThat(probe.prompts.get(0)).contains("Recent rewards, oldest first: 0.20, 0.30").doesNotContain("0.10");
  }

  @Test
  void aPlanReviewIsReusedWithinThePlanCacheTimeOnly() {
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
        java.time.Instant.parse("2026-12-04T10:00:00Z"));
    java.time.Clock clock = new java.time.Clock() {
      public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
      public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
      public java.time.Instant instant() { return now.get(); }
    };
    PlanReviews cache = new PlanReviews(clock);
    OrchestrationSettings cached = new OrchestrationSettings(1, 0.85, 0.65, 0.35, Lane.COACH, Lane.PAIRED,
        OrchestrationSettings.TeacherLimits.NONE, OrchestrationSettings.StudentLimits.NONE, true,
        new OrchestrationSettings.Triage(true, 6, java.time.Duration.ofSeconds(300), List.of()));
    Teacher reviewer = new Teacher().says("{\"approved\": true}", VALID, VALID, "{\"approved\": true}", VALID);
    Student coached = new Student().says("1. compute", "42", "42", "1. compute", "42", "42", "1. compute", "42", "42");
    List<String> seen = new ArrayList<>();
    java.util.function.Supplier<Orchestrator> make = () -> new Orchestrator(coached, reviewer, Optional.empty(), cached,
        PromptTemplates.defaults()).cachingPlanReviewsOf("p", cache);

    make.get().run("What is 6*7?", List.of(), List.of(), (type, payload) -> seen.add(type));
    make.get().run("What is 6*7?", List.of(), List.of(), (type, payload) -> seen.add(type));
    now.set(now.get().plusSeconds(301));
    make.get().run("What is 6*7?", List.of(), List.of(), (type, payload) -> seen.add(type));

    // review, validation; (cached review) validation; review again after the 300 s, validation
    assertThat(reviewer.prompts).hasSize(5);
    assertThat(seen.stream().filter("plan.review.cached"::equals)).hasSize(1);
  }

  @Test
  void theStudentAndTheTeacherEachGetTheirOwnPlaybook() {
    student.says("42");
    teacher.says(VALID);

    new Orchestrator(student, teacher, Optional.empty(), OrchestrationSettings.DEFAULTS.withForced(Lane.PAIRED), PromptTemplates.defaults())
        .run(AgentTask.of("What is 6*7?"), List.of(), List.of("When multiplying: multiply"), List.of("When checking: recompute"),
            SessionEvents.NONE);

    assertThat(student.asked.get(0).playbook()).containsExactly("When multiplying: multiply");
    assertThat(teacher.prompts.get(0)).contains("When checking: recompute").doesNotContain("When multiplying");
  }

  @Test
  void theTeachersSynthesisMayGiveACueKindAndAnAudience() {
    List<ai.atlas.core.application.playbook.PlaybookService.Candidate> candidates = TeacherReplies.candidates("""
        {"entries": [{"cue": "refund", "cue_type": "keyword", "action": "ask for the order", "audience": "student"},
                     {"cue": "anything", "action": "check the sum", "cue_type": "telepathy", "audience": "everyone"}]}""");
    assertThat(candidates.get(0).cueKind()).isEqualTo(ai.atlas.core.domain.playbook.PlaybookEntry.CueKind.KEYWORD);
    assertThat(candidates.get(0).audience()).isEqualTo(ai.atlas.core.domain.playbook.PlaybookEntry.Audience.STUDENT);
    assertThat(candidates.get(1).cueKind()).as("unknown: text").isEqualTo(ai.atlas.core.domain.playbook.PlaybookEntry.CueKind.TEXT);
    assertThat(candidates.get(1).audience()).isEqualTo(ai.atlas.core.domain.playbook.PlaybookEntry.Audience.BOTH);
  }

  @Test
  void theLaneComesFromTheProbeThenTheHistoryThenPaired() {
    OrchestrationSettings settings = OrchestrationSettings.DEFAULTS;
    Orchestrator withProbe = new Orchestrator(student, teacher, Optional.of(new Teacher().says("{\"mode\": \"auto\", \"confidence\": 0.9}")),
        settings, PromptTemplates.defaults());
    assertThat(withProbe.chooseLane("t", List.of(), SessionEvents.NONE)).isEqualTo(Lane.AUTO);
    Orchestrator unsure = new Orchestrator(student, teacher, Optional.of(new Teacher().says("{\"confidence\": 0.5}")), settings, PromptTemplates.defaults());
    assertThat(unsure.chooseLane("t", List.of(), SessionEvents.NONE)).isEqualTo(Lane.COACH);

    Orchestrator none = new Orchestrator(student, teacher, Optional.empty(), settings, PromptTemplates.defaults());
    assertThat(none.chooseLane("t", List.of(0.6, 0.8), SessionEvents.NONE)).isEqualTo(Lane.PAIRED);
    assertThat(none.chooseLane("t", List.of(0.1, 0.2), SessionEvents.NONE)).isEqualTo(Lane.ESCALATE);
    assertThat(none.chooseLane("t", List.of(), SessionEvents.NONE)).isEqualTo(Lane.PAIRED);
    assertThat(new Orchestrator(student, teacher, Optional.empty(), settings.withForced(Lane.ESCALATE), PromptTemplates.defaults())
        .chooseLane("t", List.of(1.0), SessionEvents.NONE)).isEqualTo(Lane.ESCALATE);
  }

  @Test
  void aProbeThatFailsOrSaysNothingUsefulFallsBack() {
    OrchestrationSettings settings = new OrchestrationSettings(1, 0.85, 0.65, 0.35, null, Lane.COACH);
    Orchestrator broken = new Orchestrator(student, teacher, Optional.of(new Teacher()), settings, PromptTemplates.defaults());
    Orchestrator vague = new Orchestrator(student, teacher, Optional.of(new Teacher().says("probably fine")), settings, PromptTemplates.defaults());

    assertThat(broken.chooseLane("t", List.of(), (type, p) -> events.add(type))).isEqualTo(Lane.COACH);
    assertThat(vague.chooseLane("t", List.of(), SessionEvents.NONE)).isEqualTo(Lane.COACH);
    assertThat(events).containsExactly("probe.failed", "lane.chosen");
  }

  @Test
  void aFailingPluginEndsTheSessionAsFailedWithTheReason() {
    student.says("13");
    // the teacher has no reply scripted: its call throws

    RunResult result = run(Lane.PAIRED);

    assertThat(result.status()).isEqualTo(SessionStatus.FAILED);
    assertThat(result.failure()).isEqualTo("the scripted teacher has nothing more to say");
    assertThat(events).endsWith("session.failed");
  }

  @Test
  void everyCallRecordsTheTemplateAndItsVersion() {
    student.says("1. compute", "42", "42");
    teacher.says("{\"approved\": true}", VALID);
    Orchestrator orchestrator = new Orchestrator(student, teacher, Optional.empty(), OrchestrationSettings.DEFAULTS.withForced(Lane.COACH),
        PromptTemplates.withOverrides(Map.of(PromptTemplates.TEACHER_VALIDATION, "Is {{answer}} right for {{task}}? JSON please.")));

    orchestrator.run("What is 6*7?", List.of(), List.of(), (type, payload) -> payloads.add(payload));

    assertThat(payloads).extracting(p -> p.get("template")).contains(
        "student.planner@1", "teacher.plan_review@1", "student.executor@1", "teacher.validation@profile", "student.synthesizer@1");
  }

  @Test
  void theTriageDossierIsRecordedAndGivenToTheProbe() {
    Teacher probe = new Teacher().says("{\"confidence\": 0.95}");
    student.says("42");
    Orchestrator orchestrator = new Orchestrator(student, teacher, Optional.of(probe), OrchestrationSettings.DEFAULTS, PromptTemplates.defaults());

    orchestrator.run("What is 6*7?", List.of(0.2, 0.3), List.of("hint"), (type, payload) -> {
      events.add(type);
      payloads.add(payload);
    });

    assertThat(events.get(0)).isEqualTo("triage");
    assertThat(payloads.get(0)).containsEntry("past_sessions", 2).containsEntry("playbook_hints", 1)
        .containsEntry("last_reward", 0.3);
    assertThat((List<?>) payloads.get(0).get("risks")).singleElement().asString().startsWith("tasks like this one scored low before");
    assertThat(probe.prompts.get(0)).contains("Past sessions: 2, mean reward 0.25").contains("Risks: tasks like this one scored low");
  }

  @Test
  void aDossierWithoutHistorySaysSo() {
    TriageDossier dossier = TriageDossier.of("  a   task\n", List.of(), 0);

    assertThat(dossier.summary()).isEqualTo("a task");
    assertThat(dossier.meanReward()).isNull();
    assertThat(dossier.risks()).containsExactly("no history for tasks like this one");
  }

  @Test
  void everyCallIsPricedFromTheTableAndTheSessionCostIsTheirSum() {
    student.says("13", "42");
    teacher.says("{\"valid\": false, \"guidance\": \"multiply\"}", VALID);
    Orchestrator.Pricing pricing = new Orchestrator.Pricing(Optional.of(new PriceTable.Price(1.0, 2.0)),
        Optional.of(new PriceTable.Price(10.0, 20.0)), Optional.empty());
    Orchestrator orchestrator = new Orchestrator(student, teacher, Optional.empty(),
        OrchestrationSettings.DEFAULTS.withForced(Lane.PAIRED), PromptTemplates.defaults(), pricing);

    RunResult result = orchestrator.run("What is 6*7?", List.of(), List.of(), (type, payload) -> payloads.add(payload));

    double studentCall = (10 * 1.0 + 5 * 2.0) / 1e6;
    double teacherCall = (7 * 10.0 + 3 * 20.0) / 1e6;
    assertThat(result.costUsd()).isCloseTo(2 * studentCall + 2 * teacherCall, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(payloads).filteredOn(p -> "answer".equals(p.get("purpose"))).allSatisfy(p ->
        assertThat((Double) p.get("cost_usd")).isCloseTo(studentCall, org.assertj.core.data.Offset.offset(1e-15)));
  }

  @Test
  void theToolsTheAgentCalledAreKeptWithTheStepAndReported() {
    ai.atlas.spi.ToolCall weather = new ai.atlas.spi.ToolCall("c1", "weather", "{}", "sunny", true);
    AgentAdapter agent = task -> new AgentAnswer("sunny", List.of(new ai.atlas.spi.AgentStep("look", "sunny", List.of(weather))),
        List.of(new ai.atlas.spi.ToolCall("c2", "log", "{}")), TokenUsage.ZERO, Map.of());
    Orchestrator orchestrator = new Orchestrator(agent, teacher, Optional.empty(),
        OrchestrationSettings.DEFAULTS.withForced(Lane.AUTO), PromptTemplates.defaults());

    RunResult result = orchestrator.run("Weather?", List.of(), List.of(), (type, payload) -> payloads.add(payload));

    assertThat(result.steps()).singleElement().satisfies(s -> {
      assertThat(s.toolCalls()).extracting(ai.atlas.spi.ToolCall::name).containsExactly("weather", "log");
      assertThat(s.tries()).containsExactly(new RunResult.Attempt(1, null, "sunny", null, null));
    });
    assertThat(payloads).anySatisfy(p -> assertThat(String.valueOf(p.get("tool_calls"))).contains("name=weather").contains("result=sunny"));
  }
}
