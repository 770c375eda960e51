package ai.atlas.batch.grpo;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.plugins.ProfileComponents;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.reward.RewardEvaluator;
import ai.atlas.core.reward.RewardSystem;
import ai.atlas.core.runtime.TeacherReplies;
import ai.atlas.model.grpo.GrpoRewards;
import ai.atlas.model.grpo.PairedTeachingRewards;
import ai.atlas.model.grpo.TeachingReward;
import ai.atlas.model.grpo.VerifiableReward;
import ai.atlas.model.tokenizer.ChatFormat;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.AgentTask;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rewards the grpo job can score with: {@code verifiable} (the prompt's reference answer,
 * with optional partial credit for near numbers), {@code reward-system} (a profile's judges, as
 * sessions are scored), {@code teaching} (a profile's agent as the student, without and with
 * each completion as guidance) and {@code teaching-paired} (the paired lane's protocol: the policy
 * is the teacher asked with the profile's {@code teacher.validation} template about the student's
 * own first answer, and its verdict and guidance decide the student's final answer).
 */
@Dependent
public class GrpoRewardSources {

  /** The kinds, by their names in the job's parameters. */
  public enum Kind {
    VERIFIABLE,
    REWARD_SYSTEM,
    TEACHING,
    TEACHING_PAIRED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Kind> fromWire(String value) {
      return Arrays.stream(values()).filter(k -> k.wireName().equals(value == null ? "" : value.strip().toLowerCase(Locale.ROOT)))
          .findFirst();
    }
  }

  @Inject RewardSystem rewardSystem;
  @Inject ProfileComponents components;

  public GrpoRewards open(String kind, String profile, double partialCredit) {
    Kind chosen = Kind.fromWire(kind).orElseThrow(() -> new InvalidInputException("'reward' must be verifiable, reward-system,"
        + " teaching or teaching-paired, not '" + kind + "'"));
    return switch (chosen) {
      case VERIFIABLE -> new VerifiableReward(partialCredit);
      case REWARD_SYSTEM -> judges(required(profile));
      case TEACHING -> teaching(required(profile));
      case TEACHING_PAIRED -> pairedTeaching(required(profile));
    };
  }

  private static String required(String profile) {
    if (profile == null || profile.isBlank()) {
      throw new InvalidInputException("the reward-system and teaching rewards need a 'profile'");
    }
    return profile;
  }

  /** Each completion scored by the profile's judges against the prompt's reference; unscored is 0. */
  private GrpoRewards judges(String profile) {
    RewardSystem.Grader grader = rewardSystem.grader(profile);
    return (prompt, completions) -> GrpoRewards.Scores.of(completions.stream().mapToDouble(completion -> {
      Double score = grader.evaluate(RewardEvaluator.Request.of(prompt.question(), completion, prompt.answer()), null)
          .evaluation().score();
      return score == null ? 0.0 : score;
    }).toArray());
  }

  /** The profile's agent is the student the completions teach. */
  private GrpoRewards teaching(String profile) {
    RuntimeProfile runtime = components.resolve(profile);
    AgentAdapter student = components.agent(runtime, Map.of());
    return new TeachingRewards((task, guidance) -> answer(student, task, guidance), TeachingReward.DEFAULTS, student);
  }

  /** The profile's agent is the student; the policy answers the profile's validation prompt about the student's answers. */
  private GrpoRewards pairedTeaching(String profile) {
    RuntimeProfile runtime = components.resolve(profile);
    AgentAdapter student = components.agent(runtime, Map.of());
    PromptTemplates.Template validation = PromptTemplates.withOverrides(runtime.prompts()).get(PromptTemplates.TEACHER_VALIDATION);
    return new PairedTeachingRewards((task, guidance) -> answer(student, task, guidance),
        (task, answer) -> List.of(new ChatFormat.Message("user", validation.render(Map.of("task", task, "answer", answer,
            "playbook", "")))),
        reply -> {
          TeacherReplies.Verdict verdict = TeacherReplies.verdict(reply);
          return new PairedTeachingRewards.Verdict(verdict.valid(), verdict.guidance());
        }, TeachingReward.DEFAULTS, student);
  }

  private static String answer(AgentAdapter student, String task, String guidance) {
    AgentTask request = guidance == null ? AgentTask.of(task) : AgentTask.of(task).withGuidance(guidance);
    return student.run(request).answer();
  }
}
