package ai.atlas.core.runtime;

import ai.atlas.core.application.InvalidInputException;
import ai.atlas.core.reward.RewardSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime needs from a validated profile document: the agent adapter's type and
 * settings, the teacher's and the probe's models as plugin types and settings, the orchestration
 * settings, the judges and the prompt overrides. An {@code llm} block maps onto the chat model
 * plugin's settings ({@code provider} is the plugin type; {@code api_base}, {@code api_key_env},
 * {@code max_output_tokens}... become its {@code base-url}, {@code api-key-env}, {@code max-tokens}).
 */
public record RuntimeProfile(
    String name,
    Component agent,
    Component teacher,
    Optional<Component> probe,
    OrchestrationSettings orchestration,
    List<WeightedJudge> judges,
    Map<String, String> prompts,
    Learning learning,
    Review review,
    Rim rim,
    AgentTools tools) {

  /**
   * The tools the profile offers the student's model on every call (atlas-sdk's {@code agent.tools})
   * and its tool choice ({@code student.tool_choice}), where the caller's request offers none.
   */
  public record AgentTools(List<ai.atlas.spi.ToolDefinition> tools, String toolChoice) {
    public static final AgentTools NONE = new AgentTools(List.of(), null);

    public AgentTools {
      tools = List.copyOf(tools);
    }
  }

  /**
   * The reward block: the ensemble's settings, the models of the rubric judges' samples and of
   * their arbiter ({@code rim.small_model} and {@code rim.large_model}; the teacher where absent),
   * and the reward under which a session gets one more guided attempt ({@code rim.retry_threshold};
   * null: never).
   */
  public record Rim(RewardSettings settings, Optional<Component> smallModel, Optional<Component> largeModel, Double retryThreshold) {
    public static final Rim DEFAULTS = new Rim(RewardSettings.DEFAULTS, Optional.empty(), Optional.empty(), null);

    /** Whether a session scored {@code reward} gets one more guided attempt. */
    public boolean retries(Double reward) {
      return reward != null && retryThreshold != null && reward < retryThreshold;
    }
  }

  /** Whether a judge of the profile is one of the reward system's rubric judges (else a plugin). */
  public static boolean isRubric(WeightedJudge judge) {
    return RewardSettings.RUBRICS.contains(judge.judge().type());
  }

  /**
   * The review rule: whether a succeeded session whose reward reaches {@code minReward} is
   * approved by ATLAS itself (a drifting one never is).
   */
  public record Review(boolean autoApprove, double minReward) {
    public static final Review MANUAL = new Review(false, 1.0);

    /** The reward from which sessions are approved, or null when a person approves them all. */
    public Double autoApproveAt() {
      return autoApprove ? minReward : null;
    }
  }

  /** The same profile with {@code overrides} over its templates (an adopted prompt version). */
  public RuntimeProfile withPrompts(Map<String, String> overrides) {
    Map<String, String> merged = new java.util.LinkedHashMap<>(prompts);
    merged.putAll(overrides);
    return new RuntimeProfile(name, agent, teacher, probe, orchestration, judges, Map.copyOf(merged), learning, review, rim, tools);
  }

  /**
   * The profile as a prompt candidate is evaluated with (GEPA): the candidate's templates over the
   * profile's own, no learning (a candidate's runs must not write the playbook the others read),
   * and every session left for a person to review.
   */
  public RuntimeProfile forEvaluation(Map<String, String> candidatePrompts) {
    RuntimeProfile with = withPrompts(candidatePrompts);
    return new RuntimeProfile(name, agent, teacher, probe, orchestration, judges, with.prompts,
        new Learning(false, learning.playbookMaxChars(), learning.historyLimit()), Review.MANUAL, rim, tools);
  }

  /** The same profile with a forced lane. */
  /** The profile with another teacher model: the pipeline job measures a retrained teacher before it is switched in. */
  public RuntimeProfile withTeacher(Component other) {
    return new RuntimeProfile(name, agent, other, probe, orchestration, judges, prompts, learning, review, rim, tools);
  }

  public RuntimeProfile withForcedLane(Lane lane) {
    return new RuntimeProfile(name, agent, teacher, probe, orchestration.withForced(lane), judges, prompts, learning, review, rim, tools);
  }

  /** The model name of a component's settings, used to price its calls. */
  public static String modelOf(Component component) {
    return component.settings().get("model");
  }

  /**
   * The learning block: whether sessions are distilled into the playbook, its injection cap, and
   * how many of the learning key's past rewards the triage reads ({@code history_limit}).
   */
  public record Learning(boolean enabled, int playbookMaxChars, int historyLimit) {
    public static final int DEFAULT_HISTORY = 50;
  }

  /** A plugin component: its type and its settings. */
  public record Component(String type, Map<String, String> settings) {}

  /** A judge of the profile and its weight in the session reward. */
  public record WeightedJudge(String name, Component judge, double weight) {}

  @SuppressWarnings("unchecked")
  public static RuntimeProfile from(String name, Map<String, Object> document) {
    Map<String, Object> agentBlock = block(document, "agent");
    Map<String, Object> studentBlock = block(document, "student");
    Component agent = AgentBlock.of(agentBlock, block(studentBlock, "llm"));
    Map<String, Object> teacherBlock = block(document, "teacher");
    Component teacher = llm(block(teacherBlock, "llm"));
    Map<String, Object> orchestrationBlock = block(document, "orchestration");
    Map<String, Object> probeBlock = block(orchestrationBlock, "probe");
    Optional<Component> probe = probeBlock.containsKey("llm") ? Optional.of(llm(block(probeBlock, "llm"))) : Optional.empty();
    Map<String, Object> thresholds = block(orchestrationBlock, "thresholds");
    OrchestrationSettings defaults = OrchestrationSettings.DEFAULTS;
    OrchestrationSettings orchestration;
    try {
      orchestration = new OrchestrationSettings(
          ((Number) orchestrationBlock.getOrDefault("max_retries", defaults.maxRetries())).intValue(),
          ((Number) thresholds.getOrDefault("auto", defaults.autoThreshold())).doubleValue(),
          ((Number) thresholds.getOrDefault("paired", defaults.pairedThreshold())).doubleValue(),
          ((Number) thresholds.getOrDefault("coach", defaults.coachThreshold())).doubleValue(),
          lane(orchestrationBlock.get("forced_mode")),
          Optional.ofNullable(lane(orchestrationBlock.get("fallback_mode"))).orElse(Lane.PAIRED),
          new OrchestrationSettings.TeacherLimits(whole(teacherBlock, "max_review_tokens"), whole(teacherBlock, "validation_max_tokens"),
              whole(teacherBlock, "guidance_max_tokens")),
          new OrchestrationSettings.StudentLimits(whole(studentBlock, "max_plan_tokens"), whole(studentBlock, "max_step_tokens"),
              whole(studentBlock, "max_synthesis_tokens"), seconds(orchestrationBlock, "step_timeout_seconds")),
          !Boolean.FALSE.equals(orchestrationBlock.get("emit_intermediate_steps")));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("profile '" + name + "': orchestration." + e.getMessage());
    }
    Map<String, Object> rimBlock = block(document, "rim");
    List<WeightedJudge> judges = ((List<Object>) rimBlock.getOrDefault("judges", List.of())).stream()
        .map(j -> (Map<String, Object>) j)
        .map(j -> new WeightedJudge((String) j.getOrDefault("name", j.get("type")),
            new Component((String) j.get("type"), strings(block(j, "settings"))),
            ((Number) j.getOrDefault("weight", 1.0)).doubleValue()))
        .toList();
    Map<String, String> prompts = new LinkedHashMap<>();
    block(studentBlock, "prompts").forEach((k, v) -> prompts.put("student." + k, (String) v));
    block(teacherBlock, "prompts").forEach((k, v) -> prompts.put("teacher." + k, (String) v));
    Object probePrompt = probeBlock.get("prompt");
    if (probePrompt != null) {
      prompts.put(PromptTemplates.PROBE, (String) probePrompt);
    }
    Map<String, Object> learningBlock = block(document, "learning");
    block(learningBlock, "prompts").forEach((k, v) -> prompts.put("learning." + k, (String) v));
    block(rimBlock, "prompts").forEach((k, v) -> prompts.put("rim." + k, (String) v));
    Rim rim = new Rim(RewardSettings.from(rimBlock),
        rimBlock.containsKey("small_model") ? Optional.of(llm(block(rimBlock, "small_model"))) : Optional.empty(),
        rimBlock.containsKey("large_model") ? Optional.of(llm(block(rimBlock, "large_model"))) : Optional.empty(),
        rimBlock.get("retry_threshold") instanceof Number n ? n.doubleValue() : null);
    Learning learning = new Learning(Boolean.TRUE.equals(learningBlock.get("enabled")),
        ((Number) learningBlock.getOrDefault("playbook_max_chars", 2000)).intValue(),
        ((Number) learningBlock.getOrDefault("history_limit", Learning.DEFAULT_HISTORY)).intValue());
    Map<String, Object> reviewBlock = block(document, "review");
    Review review = new Review(Boolean.TRUE.equals(reviewBlock.get("auto_approve")),
        ((Number) reviewBlock.getOrDefault("min_reward", 1.0)).doubleValue());
    return new RuntimeProfile(name, agent, teacher, probe, orchestration, judges, Map.copyOf(prompts), learning, review, rim,
        tools(agentBlock, studentBlock));
  }

  @SuppressWarnings("unchecked")
  private static AgentTools tools(Map<String, Object> agent, Map<String, Object> student) {
    List<ai.atlas.spi.ToolDefinition> tools = ((List<Object>) agent.getOrDefault("tools", List.of())).stream()
        .map(t -> (Map<String, Object>) t)
        .map(t -> new ai.atlas.spi.ToolDefinition((String) t.get("name"), (String) t.get("description"),
            t.get("parameters") == null ? null : AgentBlock.json(t.get("parameters")).toString()))
        .toList();
    return tools.isEmpty() ? AgentTools.NONE : new AgentTools(tools, (String) student.get("tool_choice"));
  }

  private static Component llm(Map<String, Object> llm) {
    return LlmBlock.of(llm);
  }

  private static Integer whole(Map<String, Object> block, String key) {
    return block.get(key) instanceof Number n ? n.intValue() : null;
  }

  private static java.time.Duration seconds(Map<String, Object> block, String key) {
    return block.get(key) instanceof Number n ? java.time.Duration.ofSeconds(n.longValue()) : null;
  }

  private static Lane lane(Object value) {
    return value == null ? null : Lane.fromWire(value.toString()).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> block(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static Map<String, String> strings(Map<String, Object> settings) {
    Map<String, String> out = new HashMap<>();
    settings.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return Map.copyOf(out);
  }
}
