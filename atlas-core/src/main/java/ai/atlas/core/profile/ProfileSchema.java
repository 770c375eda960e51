package ai.atlas.core.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an agent profile may say, block by block, with the Python atlas-sdk's block and key names
 * where they exist ({@code agent}, {@code student}, {@code teacher}, {@code orchestration},
 * {@code rim}, {@code learning}, {@code storage}). {@link #validate} returns every problem, each
 * naming the key by its path ({@code orchestration.max_retries}).
 */
final class ProfileSchema {

  static final Set<String> MODES = Set.of("auto", "paired", "coach", "escalate");
  /** The reward system's built-in rubric judges (its RewardSettings.RUBRICS). */
  static final Set<String> RUBRIC_JUDGES = Set.of("accuracy", "helpfulness", "process", "diagnostic");
  /** Keys that hold secrets: ending in api_key, apikey, token, secret or password (not *_env: those name one). */
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(api[_-]?key|token|secret|password)");
  private static final Pattern LITERAL_BEARER = Pattern.compile("(?i).*\\b(bearer|basic)\\s+(?!secret:)\\S+.*");
  private static final Pattern SECRET_REFERENCE = Pattern.compile("secret:[A-Za-z0-9_.-]{1,128}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  /** A rule for one value: checks it at a path and adds problems. */
  private interface Rule {
    void check(Object value, String path, List<String> errors);
  }

  private record Block(Map<String, Rule> keys, Set<String> required) implements Rule {
    @Override
    public void check(Object value, String path, List<String> errors) {
      if (!(value instanceof Map<?, ?> map)) {
        errors.add(path + " must be a block of keys, not " + describe(value));
        return;
      }
      for (String key : required) {
        if (!map.containsKey(key)) {
          errors.add(join(path, key) + " is required");
        }
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        Rule rule = keys.get(key);
        if (rule == null) {
          errors.add(join(path, key) + " is not a known key; known here: " + String.join(", ", keys.keySet()));
        } else {
          rule.check(entry.getValue(), join(path, key), errors);
        }
      }
    }
  }

  private static Block block(Set<String> required, Object... keysAndRules) {
    Map<String, Rule> keys = new LinkedHashMap<>();
    for (int i = 0; i < keysAndRules.length; i += 2) {
      keys.put((String) keysAndRules[i], (Rule) keysAndRules[i + 1]);
    }
    return new Block(keys, required);
  }

  private static final Rule TEXT = (value, path, errors) -> {
    if (!(value instanceof String)) {
      errors.add(path + " must be text, not " + describe(value));
    }
  };

  private static final Rule NAME_TEXT = (value, path, errors) -> {
    if (!(value instanceof String s) || !NAME.matcher(s).matches()) {
      errors.add(path + " must be a name of letters, digits, '_', '.' or '-', not " + describe(value));
    }
  };

  private static final Rule FLAG = (value, path, errors) -> {
    if (!(value instanceof Boolean)) {
      errors.add(path + " must be true or false, not " + describe(value));
    }
  };

  private static Rule whole(long min, long max) {
    return (value, path, errors) -> {
      if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
        errors.add(path + " must be a whole number from " + min + " to " + max + ", not " + describe(value));
      }
    };
  }

  private static Rule number(double min, double max) {
    return (value, path, errors) -> {
      if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
        errors.add(path + " must be a number from " + min + " to " + max + ", not " + describe(value));
      }
    };
  }

  private static Rule oneOf(Set<String> options) {
    return (value, path, errors) -> {
      if (!(value instanceof String s) || !options.contains(s)) {
        errors.add(path + " must be one of " + options.stream().sorted().toList() + ", not " + describe(value));
      }
    };
  }

  /** Free plugin settings: scalar values; secret-looking keys must hold {@code secret:NAME} references. */
  private static final Rule SETTINGS = (value, path, errors) -> {
    if (!(value instanceof Map<?, ?> map)) {
      errors.add(path + " must be a block of settings, not " + describe(value));
      return;
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = join(path, String.valueOf(entry.getKey()));
      Object v = entry.getValue();
      if (v instanceof Map || v instanceof List) {
        errors.add(key + " must be a single value (text, number or true/false)");
      } else {
        checkNoLiteralSecret(String.valueOf(entry.getKey()), v, key, errors);
      }
    }
  };

  private static void checkNoLiteralSecret(String key, Object value, String path, List<String> errors) {
    boolean secretKey = SECRET_KEY.matcher(key).matches() && !(value instanceof String s && SECRET_REFERENCE.matcher(s).matches());
    boolean credentialValue = value instanceof String s && LITERAL_BEARER.matcher(s).matches();
    if (secretKey || credentialValue) {
      errors.add(path + " looks like a secret: keep it in the environment or the secrets folder and write secret:NAME here");
    }
  }

  private static final Block LLM_KEYS = block(Set.of("provider", "model"),
      "provider", NAME_TEXT,
      "model", TEXT,
      "api_key_env", NAME_TEXT,
      "api_base", TEXT,
      "organization", TEXT,
      "temperature", number(0, 2),
      "top_p", number(0, 1),
      "max_output_tokens", whole(1, 1_000_000),
      "timeout_seconds", number(1, 86_400),
      "retry", block(Set.of(), "attempts", whole(1, 5), "backoff_seconds", number(0, 3_600)),
      "additional_headers", SETTINGS,
      "reasoning_effort", oneOf(Set.of("low", "medium", "high")),
      "settings", SETTINGS);

  /** An llm block: its keys, and an endpoint for the hosted providers that have no single one. */
  private static final Rule LLM = (value, path, errors) -> {
    LLM_KEYS.check(value, path, errors);
    if (value instanceof Map<?, ?> map && map.get("provider") instanceof String provider && HostedProviders.needsBaseUrl(provider)
        && map.get("api_base") == null) {
      errors.add(join(path, "api_base") + " is required for provider " + provider
          + " (its OpenAI-compatible endpoint, e.g. https://NAME.openai.azure.com/openai/v1 or https://bedrock-runtime.REGION.amazonaws.com/openai/v1)");
    }
  };

  private static Block prompts(String... roles) {
    Object[] keys = new Object[roles.length * 2];
    for (int i = 0; i < roles.length; i++) {
      keys[2 * i] = roles[i];
      keys[2 * i + 1] = TEXT;
    }
    return block(Set.of(), keys);
  }

  private static final Rule JUDGES = (value, path, errors) -> {
    if (!(value instanceof List<?> list)) {
      errors.add(path + " must be a list of judges, not " + describe(value));
      return;
    }
    Block judge = block(Set.of("type"), "type", NAME_TEXT, "name", NAME_TEXT, "weight", number(0, 1), "settings", SETTINGS);
    for (int i = 0; i < list.size(); i++) {
      judge.check(list.get(i), path + "[" + i + "]", errors);
    }
  };

  private static final Rule TEMPERATURES = (value, path, errors) -> {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      errors.add(path + " must be a non-empty list of numbers, not " + describe(value));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      number(0, 2).check(list.get(i), path + "[" + i + "]", errors);
    }
  };

  /** Any block: JSON Schema fragments and request bodies, passed on as written. */
  private static final Rule ANY_BLOCK = (value, path, errors) -> {
    if (!(value instanceof Map)) {
      errors.add(path + " must be a block of keys, not " + describe(value));
    }
  };

  private static final Rule TEXTS = (value, path, errors) -> {
    if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
      errors.add(path + " must be a list of text, not " + describe(value));
    }
  };

  /** Whose prompts a profile's playbook entries go into: some of student and teacher, each once. */
  private static final Rule AUDIENCES = (value, path, errors) -> {
    if (!(value instanceof List<?> list) || list.isEmpty() || list.stream().anyMatch(v -> !"student".equals(v) && !"teacher".equals(v))
        || list.stream().distinct().count() != list.size()) {
      errors.add(path + " must list student, teacher or both, each once, not " + describe(value));
    }
  };

  /** atlas-sdk's tool definitions: offered to the student's model on every call. */
  private static final Rule TOOLS = (value, path, errors) -> {
    if (!(value instanceof List<?> list)) {
      errors.add(path + " must be a list of tools, not " + describe(value));
      return;
    }
    Block tool = block(Set.of("name", "description"), "name", NAME_TEXT, "description", TEXT, "parameters", ANY_BLOCK,
        "outputSchema", (Rule) (v, p, e) -> {
          if (v != null && !(v instanceof Map)) {
            e.add(p + " must be a block or null, not " + describe(v));
          }
        });
    for (int i = 0; i < list.size(); i++) {
      tool.check(list.get(i), path + "[" + i + "]", errors);
    }
  };

  private static final Rule ACTIVE_JUDGES = (value, path, errors) -> {
    if (!(value instanceof Map<?, ?> map)) {
      errors.add(path + " must be a block of rubric judges, each true or false, not " + describe(value));
      return;
    }
    map.forEach((k, v) -> {
      if (!RUBRIC_JUDGES.contains(String.valueOf(k))) {
        errors.add(join(path, String.valueOf(k)) + " is not a rubric judge; known: " + String.join(", ", RUBRIC_JUDGES.stream().sorted().toList()));
      } else if (!(v instanceof Boolean)) {
        errors.add(join(path, String.valueOf(k)) + " must be true or false, not " + describe(v));
      }
    });
  };

  /** ATLAS's exports take approved sessions unless an export asks for others; a profile cannot change that default. */
  private static final Rule EXPORT_STATUSES = (value, path, errors) -> {
    if (!List.of("approved").equals(value)) {
      errors.add(path + " must be [approved]: exports take approved sessions by default, and an export asks for others "
          + "itself (the export job's reviewStatus), not " + describe(value));
    }
  };

  /** The keys each of atlas-sdk's adapter types has beyond the common ones; ATLAS's own types take {@code settings}. */
  private static final Map<String, Set<String>> ADAPTER_KEYS = Map.of(
      "http_api", Set.of("transport", "payload_template", "result_path"),
      "python", Set.of("import_path", "attribute", "working_directory", "allow_generator", "llm"),
      "openai", Set.of("llm", "response_format", "settings"),
      "litellm", Set.of("llm", "response_format", "settings"));
  private static final Set<String> COMMON_AGENT_KEYS = Set.of("type", "name", "system_prompt", "tools", "settings");

  private static final Block AGENT_KEYS = block(Set.of("type"),
      "type", NAME_TEXT, "name", TEXT, "system_prompt", TEXT, "tools", TOOLS, "settings", SETTINGS,
      "llm", LLM,
      "response_format", block(Set.of("type"), "type", oneOf(Set.of("json_object", "text"))),
      "transport", block(Set.of("base_url"), "base_url", TEXT, "headers", SETTINGS, "timeout_seconds", number(0, 86_400),
          "retry", block(Set.of(), "attempts", whole(1, 5), "backoff_seconds", number(0, 3_600))),
      "payload_template", ANY_BLOCK,
      "result_path", TEXTS,
      "import_path", TEXT, "attribute", TEXT, "working_directory", TEXT, "allow_generator", FLAG,
      "metadata_digest", (Rule) (v, p, e) -> e.add(p + " is not supported: ATLAS does not put session metadata into the agent's "
          + "prompts, so there is nothing to digest; remove the block"));

  /** The agent block: atlas-sdk's adapter types with their own keys (http_api, python, openai, litellm), or a plugin's type with settings. */
  private static final Rule AGENT = (value, path, errors) -> {
    AGENT_KEYS.check(value, path, errors);
    if (!(value instanceof Map<?, ?> map) || !(map.get("type") instanceof String type)) {
      return;
    }
    Set<String> own = ADAPTER_KEYS.getOrDefault(type, Set.of("settings"));
    for (Object key : map.keySet()) {
      String name = String.valueOf(key);
      if (!COMMON_AGENT_KEYS.contains(name) && !own.contains(name) && AGENT_KEYS.keys().containsKey(name)
          && !name.equals("metadata_digest")) {
        errors.add(join(path, name) + " does not apply to an agent of type " + type
            + (ADAPTER_KEYS.containsKey(type) ? "; its keys: " + String.join(", ", own.stream().sorted().toList()) : ""));
      }
    }
    if (type.equals("http_api") && !map.containsKey("transport")) {
      errors.add(join(path, "transport") + " is required for an agent of type http_api");
    }
    if (type.equals("python") && !map.containsKey("import_path")) {
      errors.add(join(path, "import_path") + " is required for an agent of type python");
    }
  };

  static final Block PROFILE = block(Set.of("agent", "teacher"),
      "name", NAME_TEXT,
      "description", TEXT,
      "agent", AGENT,
      "student", block(Set.of(),
          "llm", LLM,
          "prompts", prompts("planner", "executor", "synthesizer"),
          "prompt_guidance", prompts("planner", "executor", "synthesizer"),
          "max_plan_tokens", whole(1, 1_000_000),
          "max_step_tokens", whole(1, 1_000_000),
          "max_synthesis_tokens", whole(1, 1_000_000),
          "tool_choice", oneOf(Set.of("auto", "required"))),
      "teacher", block(Set.of("llm"),
          "llm", LLM,
          "prompts", prompts("plan_review", "validation", "guidance"),
          "prompt_guidance", prompts("plan_review", "validation", "guidance"),
          "plan_cache_seconds", whole(0, 86_400),
          "max_review_tokens", whole(1, 1_000_000),
          "guidance_max_tokens", whole(1, 1_000_000),
          "validation_max_tokens", whole(1, 1_000_000)),
      "orchestration", block(Set.of(),
          "max_retries", whole(0, 10),
          "step_timeout_seconds", number(1, 86_400),
          "rim_guidance_tag", NAME_TEXT,
          "forced_mode", oneOf(MODES),
          "fallback_mode", oneOf(MODES),
          "emit_intermediate_steps", FLAG,
          "thresholds", block(Set.of(), "auto", number(0, 1), "paired", number(0, 1), "coach", number(0, 1)),
          "probe", block(Set.of(), "llm", LLM, "prompt", TEXT)),
      "rim", block(Set.of(),
          "judges", JUDGES,
          "small_model", LLM,
          "large_model", LLM,
          "temperatures", TEMPERATURES,
          "variance_threshold", number(0, 1),
          "uncertainty_threshold", number(0, 1),
          "retry_threshold", number(0, 1),
          "active_judges", ACTIVE_JUDGES,
          "judge_prompt", TEXT,
          "parallel_workers", whole(1, 32),
          "selection", oneOf(Set.of("least_uncertain", "mean")),
          "sample_timeout_seconds", whole(1, 3_600),
          "feedback_weight", number(0, 1),
          "tool_weight", number(0, 1),
          "prompts", prompts("accuracy", "helpfulness", "process", "diagnostic", "arbiter")),
      "learning", block(Set.of(),
          "enabled", FLAG,
          "llm", LLM,
          "prompts", prompts("synthesis", "synthesizer"),
          "history_limit", whole(1, 10_000),
          "playbook_max_chars", whole(0, 100_000),
          "update_enabled", FLAG,
          "apply_to_prompts", FLAG,
          "apply_to", AUDIENCES,
          "session_note_enabled", (Rule) (v, p, e) -> {
            if (!Boolean.FALSE.equals(v)) {
              e.add(p + " must be false: ATLAS writes no session notes (what a session teaches goes into the playbook)");
            }
          },
          "gates", block(Set.of(),
              "enforce_actionability", FLAG,
              "enforce_cue", FLAG,
              "enforce_generality", FLAG,
              "max_text_length", whole(100, 2_000),
              "allowed_proper_nouns", TEXTS,
              "banned_incident_tokens", TEXTS,
              "allow_length_overflow_margin", whole(0, 500)),
          "rubric_weights", block(Set.of(),
              "actionability", number(0, 1), "generality", number(0, 1), "hookability", number(0, 1), "concision", number(0, 1)),
          "usage_tracking", block(Set.of(), "enabled", FLAG,
              "capture_examples", (Rule) (v, p, e) -> {
                if (!Boolean.FALSE.equals(v)) {
                  e.add(p + " must be false: ATLAS records each entry's uses and rewards, not example sessions");
                }
              },
              "max_examples_per_entry", whole(0, 20)),
          "schema", (Rule) (v, p, e) -> e.add(p + " is not supported: ATLAS's playbook entries have one shape "
              + "(cue, action, expected effect, scope); remove the block")),
      "adaptive_teaching", block(Set.of(),
          "enabled", FLAG,
          "certify_first_run", FLAG,
          "mode_override", oneOf(MODES),
          "default_tags", TEXTS,
          "learning_history_limit", whole(1, 10_000),
          "probe", block(Set.of(), "llm", LLM,
              "thresholds", block(Set.of(), "auto", number(0, 1), "paired", number(0, 1), "coach", number(0, 1)),
              "fallback_mode", oneOf(Set.of("paired", "coach", "escalate")),
              "evidence_limit", whole(1, 32),
              "timeout_seconds", number(1, 3_600)),
          "reward", block(Set.of(),
              "type", (Rule) (v, p, e) -> {
                if (!"rim".equals(v)) {
                  e.add(p + " must be rim: a reward of your own is a judge plugin (see rim.judges), not a Python import");
                }
              },
              "timeout_seconds", number(1, 3_600),
              "focus_prompt", TEXT),
          "triage_adapter", (Rule) (v, p, e) -> e.add(p + " is not supported: the lane comes from the probe, the learning key's "
              + "reward history or forced_mode; remove it")),
      "runtime_safety", block(Set.of(),
          "drift", block(Set.of(), "enabled", FLAG, "window", whole(1, 10_000), "z_threshold", number(0, 1_000), "min_baseline", whole(0, 10_000)),
          "review", block(Set.of(), "require_approval", FLAG, "default_export_statuses", EXPORT_STATUSES)),
      "prompt_rewrite", (Rule) (v, p, e) -> e.add(p + " is not supported: ATLAS does not derive persona prompts with a model; "
          + "evolve prompts with the gepa job instead, and remove the block"),
      // Free descriptive data about the file (atlas-sdk's metadata); stored with the profile.
      "metadata", ANY_BLOCK,
      // Not an atlas-sdk block: when ATLAS approves sessions for training by itself.
      "review", block(Set.of(), "auto_approve", FLAG, "min_reward", number(0, 1)),
      // The server owns its database; the block is accepted so a team's atlas-sdk file loads as is,
      // and StorageBlock answers each key that asks for what the server does not do with a notice.
      "storage", block(Set.of(),
          "database_url", TEXT,
          "min_connections", whole(0, 10_000),
          "max_connections", whole(0, 10_000),
          "statement_timeout_seconds", number(0, 86_400),
          "apply_schema_on_connect", FLAG));

  private ProfileSchema() {}

  static List<String> validate(Object document) {
    List<String> errors = new ArrayList<>();
    PROFILE.check(document, "the profile", errors);
    return errors.stream().map(e -> e.startsWith("the profile.") ? e.substring("the profile.".length()) : e).toList();
  }

  static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  private static String join(String path, String key) {
    return path + "." + key;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map) {
      return "a block";
    }
    if (value instanceof List) {
      return "a list";
    }
    return "'" + value + "'";
  }
}
