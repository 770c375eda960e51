package ai.atlas.core.profile;

import java.util.HashMap;
import java.util.Map;

/**
 * The prompts of each role, as named, versioned templates with {@code {{placeholders}}}. A
 * profile may override any of them (its version is then "profile"); every call records the name
 * and version of the template it used.
 */
public final class PromptTemplates {

  /** One template. */
  public record Template(String name, String version, String text) {

    public String render(Map<String, String> values) {
      String out = text;
      for (Map.Entry<String, String> v : values.entrySet()) {
        out = out.replace("{{" + v.getKey() + "}}", v.getValue() == null ? "" : v.getValue());
      }
      return out;
    }
  }

  public static final String STUDENT_PLANNER = "student.planner";
  public static final String STUDENT_EXECUTOR = "student.executor";
  public static final String STUDENT_SYNTHESIZER = "student.synthesizer";
  public static final String TEACHER_PLAN_REVIEW = "teacher.plan_review";
  public static final String TEACHER_VALIDATION = "teacher.validation";
  public static final String TEACHER_GUIDANCE = "teacher.guidance";
  public static final String PROBE = "probe";
  public static final String LEARNING_SYNTHESIS = "learning.synthesis";
  public static final String RIM_ARBITER = "rim.arbiter";
  public static final String GEPA_REFLECTION = "gepa.reflection";

  /** The template of a rubric judge ({@code accuracy}, {@code helpfulness}, {@code process}, {@code diagnostic}). */
  public static String rubric(String judge) {
    return "rim." + judge;
  }

  private static final String JUDGE_ANSWER = """
      Answer with JSON only: {"principles": [{"name": "...", "weight": 0.0-1.0, "description": "..."}],
      "score": 0.0-1.0, "rationale": "...", "uncertainty": 0.0-1.0}
      First write the principles that matter for this interaction and weigh them, then score against them;
      uncertainty is how unsure you are of the score.""";

  private static final String INTERACTION = """
      Task: {{prompt}}
      Reference answer (may be empty): {{reference}}
      Context (may be empty): {{context}}
      Steps taken (may be empty):
      {{steps}}
      Response: {{response}}
      """;

  private static final Map<String, Template> DEFAULTS = Map.ofEntries(
      Map.entry(LEARNING_SYNTHESIS, new Template(LEARNING_SYNTHESIS, "3", """
          You supervise a student. From this session, distil at most three reusable hints for similar tasks.
          Task: {{task}}
          Final answer: {{answer}}
          Reward (0 to 1; none when the session was not scored): {{reward}}
          What happened, attempt by attempt:
          {{trace}}
          Answer with JSON: {"entries": [{"cue": "when this holds", "cue_type": "text", "action": "do this", "expected_effect": "so that", "scope": "task family", "audience": "student"}]}
          cue_type is text (the cue describes the situation), keyword (comma-separated words a task must contain) or regex (a pattern a task must match).
          audience is student (a hint for doing the task), teacher (a hint for checking answers) or both.
          Give no entry that merely repeats the answer. A session that went badly teaches too: say what to do instead.""")),
      Map.entry(STUDENT_PLANNER, new Template(STUDENT_PLANNER, "1", """
          Plan how to do this task. Answer with the steps only, one per line, at most 6.
          Task: {{task}}""")),
      Map.entry(STUDENT_EXECUTOR, new Template(STUDENT_EXECUTOR, "1", """
          Task: {{task}}
          Results so far:
          {{previous}}
          Do this step now and answer with its result only: {{step}}""")),
      Map.entry(STUDENT_SYNTHESIZER, new Template(STUDENT_SYNTHESIZER, "1", """
          Task: {{task}}
          Results of the steps:
          {{previous}}
          Give the final answer to the task.""")),
      Map.entry(TEACHER_PLAN_REVIEW, new Template(TEACHER_PLAN_REVIEW, "1", """
          You supervise a student. Review the student's plan for the task.
          Task: {{task}}
          Plan:
          {{plan}}
          Answer with JSON: {"approved": true|false, "plan": ["step", ...], "feedback": "..."}; give "plan" only to replace it.""")),
      Map.entry(GEPA_REFLECTION, new Template(GEPA_REFLECTION, "1", """
          You improve one instruction of an AI system, the prompt template "{{template}}". Its current text:
          ```
          {{current}}
          ```
          How runs with it went (the task, the answer, its score from 0 to 1, and the judges' feedback):
          {{examples}}
          Write a better version that keeps what works and fixes what the feedback points at. Keep every
          {{placeholder}} of the current text as it is. Answer with the new text only, between ``` lines.""")),
      Map.entry(TEACHER_VALIDATION, new Template(TEACHER_VALIDATION, "1", """
          You supervise a student. Decide whether the student's answer is correct and complete.
          Task: {{task}}
          {{playbook}}
          Answer: {{answer}}
          Answer with JSON: {"valid": true|false, "guidance": "one concrete hint for a better answer, if not valid"}""")),
      Map.entry(TEACHER_GUIDANCE, new Template(TEACHER_GUIDANCE, "1", """
          You supervise a student. Before the student does the next step, give one short, concrete piece of guidance.
          Task: {{task}}
          Step: {{step}}
          Results so far:
          {{previous}}""")),
      Map.entry("rim.accuracy", new Template("rim.accuracy", "1",
          "You judge the ACCURACY of a response: is it correct, and does it agree with the reference where one is given?\n"
              + INTERACTION + JUDGE_ANSWER)),
      Map.entry("rim.helpfulness", new Template("rim.helpfulness", "1",
          "You judge the HELPFULNESS of a response: does it do what the user needed, clearly and completely?\n"
              + INTERACTION + JUDGE_ANSWER)),
      Map.entry("rim.process", new Template("rim.process", "1",
          "You judge the PROCESS behind a response: were the steps sound, necessary and well ordered, and were tools used well?\n"
              + INTERACTION + JUDGE_ANSWER)),
      Map.entry("rim.diagnostic", new Template("rim.diagnostic", "1",
          "You DIAGNOSE a response: find its most important error or risk; score 1 when there is none worth naming.\n"
              + INTERACTION + JUDGE_ANSWER)),
      Map.entry(RIM_ARBITER, new Template(RIM_ARBITER, "1", """
          You arbitrate between samples of the {{judge}} judge that disagree or are unsure. Read the judge's
          instructions and the samples, then give the final judgement yourself.
          The judge's instructions:
          {{rubric}}
          The samples:
          {{samples}}
          """ + JUDGE_ANSWER)),
      Map.entry(PROBE, new Template(PROBE, "1", """
          Estimate how reliably a capable assistant would solve this task alone.
          Task: {{task}}
          What is known:
          {{dossier}}
          Answer with JSON: {"mode": "auto|paired|coach|escalate", "confidence": 0.0-1.0}""")));

  private final Map<String, Template> templates;

  private PromptTemplates(Map<String, Template> templates) {
    this.templates = templates;
  }

  public static PromptTemplates defaults() {
    return new PromptTemplates(DEFAULTS);
  }

  /** The defaults with the profile's overrides (template name to text). */
  public static PromptTemplates withOverrides(Map<String, String> overrides) {
    Map<String, Template> merged = new HashMap<>(DEFAULTS);
    overrides.forEach((name, text) -> {
      if (!DEFAULTS.containsKey(name)) {
        throw new IllegalArgumentException("no prompt template named '" + name + "'; known: " + DEFAULTS.keySet());
      }
      merged.put(name, new Template(name, "profile", text));
    });
    return new PromptTemplates(Map.copyOf(merged));
  }

  public Template get(String name) {
    Template template = templates.get(name);
    if (template == null) {
      throw new IllegalArgumentException("no prompt template named '" + name + "'");
    }
    return template;
  }
}
