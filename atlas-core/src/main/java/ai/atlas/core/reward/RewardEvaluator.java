package ai.atlas.core.reward;

import ai.atlas.core.profile.PromptTemplates.Template;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RewardSettings.Selection;
import ai.atlas.core.profile.RewardSettings;
import ai.atlas.spi.AgentStep;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.ChatOptions;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.ChatResponse;
import ai.atlas.spi.Interaction;
import ai.atlas.spi.Judge;
import ai.atlas.spi.Judgement;
import ai.atlas.spi.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scores one interaction with a profile's judges. Each rubric judge draws one sample per
 * configured temperature from the small model, in parallel, each within the sample time-out;
 * samples that do not parse or do not come in time are dropped and counted. The judge escalates
 * to the arbiter (the large model) when no sample parsed, when the parsed scores' standard
 * deviation exceeds the variance threshold, or when a sample's uncertainty exceeds the
 * uncertainty threshold; otherwise the selection rule picks its score. Plugin judges are called
 * once. The consistency caps then apply, and the reward is the weighted mean of the judges that
 * scored.
 */
public final class RewardEvaluator {

  /** What is scored. {@code steps} and {@code context} may be empty. */
  public record Request(String prompt, String response, String reference, String context, List<AgentStep> steps,
      Map<String, String> metadata) {

    public Request {
      steps = steps == null ? List.of() : List.copyOf(steps);
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Request of(String prompt, String response, String reference) {
      return new Request(prompt, response, reference, null, List.of(), Map.of());
    }
  }

  /** A judge of the profile: a rubric judge (plugin null) or a plugin judge, with its weight. */
  public record WeightedJudge(String name, double weight, Judge plugin) {}

  private final ChatModel small;
  private final ChatModel arbiter;
  private final List<WeightedJudge> judges;
  private final RewardSettings settings;
  private final PromptTemplates prompts;
  private final ExecutorService executor;

  public RewardEvaluator(ChatModel small, ChatModel arbiter, List<WeightedJudge> judges, RewardSettings settings,
      PromptTemplates prompts, ExecutorService executor) {
    this.small = small;
    this.arbiter = arbiter;
    this.judges = List.copyOf(judges);
    this.settings = settings;
    this.prompts = prompts;
    this.executor = executor;
    this.samplePermits = settings.parallelWorkers() > 0 ? new java.util.concurrent.Semaphore(settings.parallelWorkers()) : null;
  }

  /** At most rim.parallel_workers samples asked at once, or null: every temperature at once. */
  private final java.util.concurrent.Semaphore samplePermits;

  private ChatResponse askSmall(ChatRequest request) throws InterruptedException {
    if (samplePermits == null) {
      return small.chat(request);
    }
    samplePermits.acquire();
    try {
      return small.chat(request);
    } finally {
      samplePermits.release();
    }
  }

  public Evaluation evaluate(Request request) {
    List<JudgeCall> calls = Collections.synchronizedList(new ArrayList<>());
    TokenCounter tokens = new TokenCounter();
    List<JudgeResult> results = new ArrayList<>();
    for (WeightedJudge judge : judges) {
      results.add(judge.plugin() == null
          ? rubric(judge, request, calls, tokens)
          : plugin(judge, request, calls));
    }
    ConsistencyCaps.Capped capped = ConsistencyCaps.apply(results);
    double weighted = 0;
    double weights = 0;
    List<String> rationale = new ArrayList<>();
    for (JudgeResult judge : capped.judges()) {
      if (judge.score() != null && judge.weight() > 0) {
        weighted += judge.weight() * judge.score();
        weights += judge.weight();
      }
      rationale.add(judge.name() + (judge.score() == null ? " (no score)" : String.format(Locale.ROOT, " %.3f", judge.score()))
          + ": " + judge.rationale());
    }
    rationale.addAll(capped.notes());
    List<String> reasons = capped.judges().stream().filter(JudgeResult::escalated)
        .map(j -> j.name() + ": " + j.escalationReason()).toList();
    return new Evaluation(weights == 0 ? null : weighted / weights, String.join("\n", rationale), capped.judges(),
        !reasons.isEmpty(), reasons, tokens.total(), calls);
  }

  private JudgeResult plugin(WeightedJudge judge, Request request, List<JudgeCall> calls) {
    Interaction interaction = new Interaction(request.prompt(), request.response(), request.steps(), request.reference(),
        request.metadata());
    try {
      Judgement verdict = judge.plugin().judge(interaction);
      calls.add(new JudgeCall(judge.name(), "plugin", null, request.prompt(), verdict.rationale(), verdict.score(),
          verdict.uncertainty(), true));
      return new JudgeResult(judge.name(), "plugin", judge.weight(), verdict.score(), verdict.rationale(),
          verdict.uncertainty(), verdict.principles(), List.of(), false, null, 0);
    } catch (RuntimeException e) {
      calls.add(new JudgeCall(judge.name(), "plugin", null, request.prompt(), "failed: " + e.getMessage(), null, null, false));
      return new JudgeResult(judge.name(), "plugin", judge.weight(), null, "the judge failed: " + e.getMessage(), 1.0,
          List.of(), List.of(), false, null, 0);
    }
  }

  private JudgeResult rubric(WeightedJudge judge, Request request, List<JudgeCall> calls, TokenCounter tokens) {
    Template template = prompts.get(PromptTemplates.rubric(judge.name()));
    String prompt = template.render(Map.of(
        "prompt", request.prompt(),
        "response", request.response() == null ? "" : request.response(),
        "reference", request.reference() == null ? "" : request.reference(),
        "context", request.context() == null ? "" : request.context(),
        "steps", steps(request.steps())));
    List<Sample> samples = sample(judge.name(), prompt, calls, tokens);
    List<Sample> parsed = samples.stream().filter(Sample::parsed).toList();
    int dropped = samples.size() - parsed.size();
    String reason = escalationReason(parsed);
    if (reason == null) {
      Sample chosen = select(parsed);
      double score = settings.selection() == Selection.MEAN ? mean(parsed) : chosen.score();
      return new JudgeResult(judge.name(), "rubric", judge.weight(), score, chosen.rationale(), chosen.uncertainty(),
          chosen.principles(), samples, false, null, dropped);
    }
    Sample decision = arbitrate(judge.name(), prompt, samples, calls, tokens);
    if (decision.parsed()) {
      return new JudgeResult(judge.name(), "rubric", judge.weight(), decision.score(), decision.rationale(),
          decision.uncertainty(), decision.principles(), samples, true, reason, dropped);
    }
    String why = reason + "; the arbiter's answer was not usable (" + decision.failure() + ")";
    if (parsed.isEmpty()) {
      return new JudgeResult(judge.name(), "rubric", judge.weight(), null, "no usable judgement", 1.0, List.of(), samples,
          true, why, dropped);
    }
    Sample chosen = select(parsed);
    return new JudgeResult(judge.name(), "rubric", judge.weight(),
        settings.selection() == Selection.MEAN ? mean(parsed) : chosen.score(), chosen.rationale(), chosen.uncertainty(),
        chosen.principles(), samples, true, why, dropped);
  }

  /** Why the samples need the arbiter, or null when they do not. */
  String escalationReason(List<Sample> parsed) {
    if (parsed.isEmpty()) {
      return "no sample parsed";
    }
    double sd = standardDeviation(parsed);
    if (sd > settings.varianceThreshold()) {
      return String.format(Locale.ROOT, "the samples disagree (standard deviation %.3f > %.3f)", sd, settings.varianceThreshold());
    }
    double unsure = parsed.stream().mapToDouble(Sample::uncertainty).max().orElse(0);
    if (unsure > settings.uncertaintyThreshold()) {
      return String.format(Locale.ROOT, "a sample is unsure (uncertainty %.3f > %.3f)", unsure, settings.uncertaintyThreshold());
    }
    return null;
  }

  private List<Sample> sample(String judge, String prompt, List<JudgeCall> calls, TokenCounter tokens) {
    List<Future<ChatResponse>> futures = new ArrayList<>();
    for (double temperature : settings.temperatures()) {
      ChatRequest request = ChatRequest.of(List.of(ChatMessage.user(prompt))).withOptions(ChatOptions.DEFAULTS.withTemperature(temperature));
      futures.add(executor.submit(() -> askSmall(request)));
    }
    long deadline = System.nanoTime() + settings.sampleTimeout().toNanos();
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      double temperature = settings.temperatures().get(i);
      Future<ChatResponse> future = futures.get(i);
      Sample sample;
      String response;
      try {
        ChatResponse reply = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        tokens.add(reply.usage());
        response = reply.message().content();
        sample = SampleParser.parse(response, temperature);
      } catch (TimeoutException e) {
        future.cancel(true);
        response = "no answer within " + settings.sampleTimeout().toMillis() + " ms";
        sample = Sample.dropped(temperature, response);
      } catch (ExecutionException e) {
        response = "failed: " + e.getCause().getMessage();
        sample = Sample.dropped(temperature, response);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response = "interrupted";
        sample = Sample.dropped(temperature, response);
      }
      samples.add(sample);
      calls.add(new JudgeCall(judge, "sample", temperature, prompt, response, sample.parsed() ? sample.score() : null,
          sample.parsed() ? sample.uncertainty() : null, sample.parsed()));
    }
    return samples;
  }

  private Sample arbitrate(String judge, String rubricPrompt, List<Sample> samples, List<JudgeCall> calls, TokenCounter tokens) {
    StringBuilder listed = new StringBuilder();
    for (Sample s : samples) {
      listed.append(s.parsed()
          ? String.format(Locale.ROOT, "- temperature %.2f: score %.3f, uncertainty %.3f, rationale: %s%n", s.temperature(),
              s.score(), s.uncertainty(), s.rationale())
          : String.format(Locale.ROOT, "- temperature %.2f: no usable answer (%s)%n", s.temperature(), s.failure()));
    }
    String prompt = prompts.get(PromptTemplates.RIM_ARBITER)
        .render(Map.of("judge", judge, "rubric", rubricPrompt, "samples", listed.toString().strip()));
    try {
      ChatResponse reply = arbiter.chat(ChatRequest.of(List.of(ChatMessage.user(prompt)))
          .withOptions(ChatOptions.DEFAULTS.withTemperature(0.0)));
      tokens.add(reply.usage());
      Sample decision = SampleParser.parse(reply.message().content(), 0.0);
      calls.add(new JudgeCall(judge, "arbiter", 0.0, prompt, reply.message().content(),
          decision.parsed() ? decision.score() : null, decision.parsed() ? decision.uncertainty() : null, decision.parsed()));
      return decision;
    } catch (RuntimeException e) {
      calls.add(new JudgeCall(judge, "arbiter", 0.0, prompt, "failed: " + e.getMessage(), null, null, false));
      return Sample.dropped(0.0, "the arbiter failed: " + e.getMessage());
    }
  }

  private static Sample select(List<Sample> parsed) {
    return parsed.stream().min(Comparator.comparingDouble(Sample::uncertainty)).orElseThrow();
  }

  private static double mean(List<Sample> parsed) {
    return parsed.stream().mapToDouble(Sample::score).average().orElseThrow();
  }

  private static double standardDeviation(List<Sample> parsed) {
    double mean = mean(parsed);
    return Math.sqrt(parsed.stream().mapToDouble(s -> (s.score() - mean) * (s.score() - mean)).average().orElse(0));
  }

  private static String steps(List<AgentStep> steps) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      AgentStep step = steps.get(i);
      out.append(i + 1).append(". ").append(step.description()).append(" -> ").append(step.output());
      step.toolCalls().forEach(call -> out.append(" [tool ").append(call.name())
          .append(call.succeeded() == null ? "" : call.succeeded() ? " ok" : " failed").append(']'));
      out.append('\n');
    }
    return out.toString().strip();
  }

  /** Tokens of calls made on several threads. */
  private static final class TokenCounter {
    private TokenUsage total = TokenUsage.ZERO;

    synchronized void add(TokenUsage usage) {
      total = total.plus(usage);
    }

    synchronized TokenUsage total() {
      return total;
    }
  }
}
