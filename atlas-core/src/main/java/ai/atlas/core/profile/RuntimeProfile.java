package ai.atlas.core.profile;

import ai.atlas.core.application.playbook.PlaybookService;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.domain.reward.DriftDetector;
import ai.atlas.spi.ToolDefinition;
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
  public record AgentTools(List<ToolDefinition> tools, String toolChoice) {
    public static final AgentTools NONE = new AgentTools(List.of(), null);

    public AgentTools {
      tools = List.copyOf(tools);
    }
  }

  /**
   * The reward block: the ensemble's settings, the models of the rubric judges' samples and of
   * their arbiter ({@code rim.small_model} and {@code rim.large_model}; the teacher where absent),
   * the reward under which a session gets one more guided attempt ({@code rim.retry_threshold};
   * null: never) and the tag its guidance puts the judges' words in.
   */
  public record Rim(RewardSettings settings, Optional<Component> smallModel, Optional<Component> largeModel, Double retryThreshold,
      String guidanceTag) {
    public static final Rim DEFAULTS = new Rim(RewardSettings.DEFAULTS, Optional.empty(), Optional.empty(), null, "rim_feedback");

    /** The judges' words as the retry's guidance carries them, inside the profile's tag ({@code orchestration.rim_guidance_tag}). */
    public String tagged(String judgesSaid) {
      return judgesSaid == null || judgesSaid.isBlank() ? judgesSaid : "<" + guidanceTag + ">" + judgesSaid.strip() + "</" + guidanceTag + ">";
    }

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
   * approved by ATLAS itself (a drifting one never is), and when a reward counts as drift
   * ({@code runtime_safety.drift}).
   */
  public record Review(boolean autoApprove, double minReward, DriftDetector.Settings drift) {
    public static final Review MANUAL = new Review(false, 1.0);

    public Review(boolean autoApprove, double minReward) {
      this(autoApprove, minReward, DriftDetector.Settings.DEFAULTS);
    }

    public Review withDrift(DriftDetector.Settings settings) {
      return new Review(autoApprove, minReward, settings);
    }

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
        new Learning(false, learning.playbookMaxChars(), learning.historyLimit()), Review.MANUAL.withDrift(review.drift()), rim, tools);
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
   * The learning block: whether sessions are distilled into the playbook, its injection cap, how
   * many of the learning key's past rewards the triage reads ({@code history_limit}), whether new
   * entries are written ({@code update_enabled}) and injected ({@code apply_to_prompts}), whether
   * sessions credit their entries ({@code usage_tracking.enabled}), the model that distils
   * ({@code learning.llm}; the teacher where absent), the profile's own gates and the rubric that
   * ranks a session's candidates ({@code rubric_weights}); null: none.
   */
  public record Learning(boolean enabled, int playbookMaxChars, int historyLimit, boolean updateEnabled, boolean applyToPrompts,
      boolean trackUsage, Optional<Component> llm, PlaybookService.Gates gates, PlaybookService.Rubric rubric,
      boolean toStudent, boolean toTeacher) {
    public static final int DEFAULT_HISTORY = 50;

    /** Learning on or off, with everything else as ATLAS does it by default. */
    public Learning(boolean enabled, int playbookMaxChars, int historyLimit) {
      this(enabled, playbookMaxChars, historyLimit, true, true, true, Optional.empty(), null, null, true, true);
    }

    /** Whether the session's teacher (or learning.llm) distils it into new entries: learning on and updates allowed. */
    public boolean learns() {
      return enabled && updateEnabled;
    }

    /** Whether the key's entries go into the session's prompts. */
    public boolean injects() {
      return enabled && applyToPrompts;
    }
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
    // atlas-sdk keeps the probe, its thresholds and the lane override in adaptive_teaching; the orchestration block's own keys win
    Map<String, Object> adaptive = block(document, "adaptive_teaching");
    Map<String, Object> adaptiveProbe = block(adaptive, "probe");
    Map<String, Object> probeBlock = block(orchestrationBlock, "probe");
    Optional<Component> probe = probeBlock.containsKey("llm") ? Optional.of(llm(block(probeBlock, "llm")))
        : adaptiveProbe.containsKey("llm") ? Optional.of(probeModel(block(adaptiveProbe, "llm"), adaptiveProbe.get("timeout_seconds")))
        : Optional.empty();
    Map<String, Object> thresholds = orchestrationBlock.containsKey("thresholds") ? block(orchestrationBlock, "thresholds")
        : block(adaptiveProbe, "thresholds");
    Lane forced = Optional.ofNullable(lane(orchestrationBlock.get("forced_mode"))).orElse(lane(adaptive.get("mode_override")));
    if (forced == null && Boolean.FALSE.equals(adaptive.get("enabled"))) {
      forced = Lane.PAIRED; // without adaptive teaching every session is supervised the one way
    }
    Object fallback = orchestrationBlock.getOrDefault("fallback_mode", adaptiveProbe.get("fallback_mode"));
    OrchestrationSettings defaults = OrchestrationSettings.DEFAULTS;
    OrchestrationSettings orchestration;
    try {
      orchestration = new OrchestrationSettings(
          ((Number) orchestrationBlock.getOrDefault("max_retries", defaults.maxRetries())).intValue(),
          ((Number) thresholds.getOrDefault("auto", defaults.autoThreshold())).doubleValue(),
          ((Number) thresholds.getOrDefault("paired", defaults.pairedThreshold())).doubleValue(),
          ((Number) thresholds.getOrDefault("coach", defaults.coachThreshold())).doubleValue(),
          forced,
          Optional.ofNullable(lane(fallback)).orElse(Lane.PAIRED),
          new OrchestrationSettings.TeacherLimits(whole(teacherBlock, "max_review_tokens"), whole(teacherBlock, "validation_max_tokens"),
              whole(teacherBlock, "guidance_max_tokens")),
          new OrchestrationSettings.StudentLimits(whole(studentBlock, "max_plan_tokens"), whole(studentBlock, "max_step_tokens"),
              whole(studentBlock, "max_synthesis_tokens"), seconds(orchestrationBlock, "step_timeout_seconds")),
          !Boolean.FALSE.equals(orchestrationBlock.get("emit_intermediate_steps")),
          new OrchestrationSettings.Triage(!Boolean.FALSE.equals(adaptive.get("certify_first_run")),
              adaptiveProbe.get("evidence_limit") instanceof Number n ? n.intValue() : OrchestrationSettings.Triage.DEFAULT_EVIDENCE,
              seconds(teacherBlock, "plan_cache_seconds"),
              (List<String>) adaptive.getOrDefault("default_tags", List.of())));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("profile '" + name + "': orchestration." + e.getMessage());
    }
    Map<String, Object> rimBlock = block(document, "rim");
    List<WeightedJudge> judges = new java.util.ArrayList<>(((List<Object>) rimBlock.getOrDefault("judges", List.of())).stream()
        .map(j -> (Map<String, Object>) j)
        .map(j -> new WeightedJudge((String) j.getOrDefault("name", j.get("type")),
            new Component((String) j.get("type"), strings(block(j, "settings"))),
            ((Number) j.getOrDefault("weight", 1.0)).doubleValue()))
        .toList());
    // atlas-sdk's active_judges switches rubric judges on (weight 1) and off
    block(rimBlock, "active_judges").forEach((rubric, on) -> {
      judges.removeIf(j -> j.judge().type().equals(rubric) && Boolean.FALSE.equals(on));
      if (Boolean.TRUE.equals(on) && judges.stream().noneMatch(j -> j.judge().type().equals(rubric))) {
        judges.add(new WeightedJudge(rubric, new Component(rubric, Map.of()), 1.0));
      }
    });
    Map<String, String> prompts = new LinkedHashMap<>();
    block(studentBlock, "prompts").forEach((k, v) -> prompts.put("student." + k, (String) v));
    block(teacherBlock, "prompts").forEach((k, v) -> prompts.put("teacher." + k, (String) v));
    Object probePrompt = probeBlock.get("prompt");
    if (probePrompt != null) {
      prompts.put(PromptTemplates.PROBE, (String) probePrompt);
    }
    Map<String, Object> learningBlock = block(document, "learning");
    // atlas-sdk names the learning template "synthesizer"
    block(learningBlock, "prompts").forEach((k, v) -> prompts.put(k.equals("synthesizer") ? PromptTemplates.LEARNING_SYNTHESIS : "learning." + k,
        (String) v));
    block(rimBlock, "prompts").forEach((k, v) -> prompts.put("rim." + k, (String) v));
    // prompt_guidance, rim.judge_prompt and the reward's focus_prompt add lines under a template (the profile's, else the default)
    block(studentBlock, "prompt_guidance").forEach((k, v) -> appendTo(prompts, "student." + k, (String) v));
    block(teacherBlock, "prompt_guidance").forEach((k, v) -> appendTo(prompts, "teacher." + k, (String) v));
    for (Object focus : java.util.Arrays.asList(rimBlock.get("judge_prompt"), block(adaptive, "reward").get("focus_prompt"))) {
      if (focus != null) {
        RewardSettings.RUBRICS.forEach(rubric -> appendTo(prompts, "rim." + rubric, (String) focus));
      }
    }
    Map<String, Object> adaptiveReward = block(adaptive, "reward");
    Map<String, Object> rimWithTimeout = rimBlock;
    if (!rimBlock.containsKey("sample_timeout_seconds") && adaptiveReward.get("timeout_seconds") instanceof Number t) {
      rimWithTimeout = new HashMap<>(rimBlock);
      rimWithTimeout.put("sample_timeout_seconds", (long) Math.ceil(t.doubleValue()));
    }
    Rim rim = new Rim(RewardSettings.from(rimWithTimeout),
        rimBlock.containsKey("small_model") ? Optional.of(llm(block(rimBlock, "small_model"))) : Optional.empty(),
        rimBlock.containsKey("large_model") ? Optional.of(llm(block(rimBlock, "large_model"))) : Optional.empty(),
        rimBlock.get("retry_threshold") instanceof Number n ? n.doubleValue() : null,
        (String) orchestrationBlock.getOrDefault("rim_guidance_tag", "rim_feedback"));
    Learning learning = learning(learningBlock, adaptive);
    Map<String, Object> reviewBlock = block(document, "review");
    Map<String, Object> safety = block(document, "runtime_safety");
    // atlas-sdk's runtime_safety.review.require_approval: false means sessions need no person's approval
    boolean noApprovalNeeded = Boolean.FALSE.equals(block(safety, "review").get("require_approval"));
    Review review = new Review(Boolean.TRUE.equals(reviewBlock.getOrDefault("auto_approve", noApprovalNeeded)),
        ((Number) reviewBlock.getOrDefault("min_reward", noApprovalNeeded ? 0.0 : 1.0)).doubleValue(),
        drift(block(safety, "drift")));
    return new RuntimeProfile(name, agent, teacher, probe, orchestration, judges, Map.copyOf(prompts), learning, review, rim,
        tools(agentBlock, studentBlock));
  }

  private static Component probeModel(Map<String, Object> llm, Object timeoutSeconds) {
    Component model = llm(llm);
    if (timeoutSeconds instanceof Number t && !llm.containsKey("timeout_seconds")) {
      Map<String, String> settings = new HashMap<>(model.settings());
      settings.put("timeout-seconds", Long.toString((long) Math.ceil(t.doubleValue())));
      return new Component(model.type(), Map.copyOf(settings));
    }
    return model;
  }

  private static void appendTo(Map<String, String> prompts, String template, String lines) {
    String base = prompts.containsKey(template) ? prompts.get(template) : PromptTemplates.defaults().get(template).text();
    prompts.put(template, base + "\n" + lines.strip());
  }

  @SuppressWarnings("unchecked")
  private static Learning learning(Map<String, Object> learning, Map<String, Object> adaptive) {
    Map<String, Object> gates = block(learning, "gates");
    PlaybookService.Gates own = null;
    if (learning.containsKey("gates")) {
      PlaybookService.Gates d = PlaybookService.Gates.ATLAS_SDK;
      own = new PlaybookService.Gates(
          !Boolean.FALSE.equals(gates.getOrDefault("enforce_actionability", d.enforceActionability())),
          !Boolean.FALSE.equals(gates.getOrDefault("enforce_cue", d.enforceCue())),
          !Boolean.FALSE.equals(gates.getOrDefault("enforce_generality", d.enforceGenerality())),
          ((Number) gates.getOrDefault("max_text_length", d.maxTextLength())).intValue(),
          (List<String>) gates.getOrDefault("allowed_proper_nouns", d.allowedProperNouns()),
          (List<String>) gates.getOrDefault("banned_incident_tokens", d.bannedIncidentTokens()),
          ((Number) gates.getOrDefault("allow_length_overflow_margin", d.overflowMargin())).intValue());
    }
    Object history = learning.getOrDefault("history_limit", adaptive.getOrDefault("learning_history_limit", Learning.DEFAULT_HISTORY));
    List<String> applyTo = (List<String>) learning.getOrDefault("apply_to", List.of("student", "teacher"));
    return new Learning(Boolean.TRUE.equals(learning.get("enabled")),
        ((Number) learning.getOrDefault("playbook_max_chars", 2000)).intValue(),
        ((Number) history).intValue(),
        !Boolean.FALSE.equals(learning.get("update_enabled")),
        !Boolean.FALSE.equals(learning.get("apply_to_prompts")),
        !Boolean.FALSE.equals(block(learning, "usage_tracking").get("enabled")),
        learning.containsKey("llm") ? Optional.of(llm(block(learning, "llm"))) : Optional.empty(),
        own, rubric(block(learning, "rubric_weights"), learning.containsKey("rubric_weights")),
        // ATLAS's own key: whose prompts the entries go into (default both), for a model that cannot read them
        applyTo.contains("student"), applyTo.contains("teacher"));
  }

  private static PlaybookService.Rubric rubric(Map<String, Object> weights, boolean given) {
    if (!given) {
      return null;
    }
    return new PlaybookService.Rubric(((Number) weights.getOrDefault("actionability", 0.4)).doubleValue(),
        ((Number) weights.getOrDefault("generality", 0.3)).doubleValue(), ((Number) weights.getOrDefault("hookability", 0.2)).doubleValue(),
        ((Number) weights.getOrDefault("concision", 0.1)).doubleValue());
  }

  private static DriftDetector.Settings drift(Map<String, Object> drift) {
    DriftDetector.Settings d = DriftDetector.Settings.DEFAULTS;
    return new DriftDetector.Settings(!Boolean.FALSE.equals(drift.get("enabled")),
        ((Number) drift.getOrDefault("window", d.window())).intValue(),
        ((Number) drift.getOrDefault("z_threshold", d.threshold())).doubleValue(),
        ((Number) drift.getOrDefault("min_baseline", d.minimumHistory())).intValue());
  }

  @SuppressWarnings("unchecked")
  private static AgentTools tools(Map<String, Object> agent, Map<String, Object> student) {
    List<ToolDefinition> tools = ((List<Object>) agent.getOrDefault("tools", List.of())).stream()
        .map(t -> (Map<String, Object>) t)
        .map(t -> new ToolDefinition((String) t.get("name"), (String) t.get("description"),
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
