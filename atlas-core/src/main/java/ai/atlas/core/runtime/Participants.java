package ai.atlas.core.runtime;

import ai.atlas.core.plugins.ProfileComponents;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.reward.RewardSystem;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.ChatModel;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin components one run of a profile talks to: the student (the agent adapter), the
 * teacher, the optional probe, the optional learning model and the judges (a grader, when the
 * profile has judges). Made once per session by {@link ProfileComponents} before the run, so a
 * profile whose plugins cannot be made is refused before anything is recorded; closed when the run ends.
 */
public record Participants(AgentAdapter student, ChatModel teacher, Optional<ChatModel> probe, Optional<ChatModel> learningModel,
    Optional<RewardSystem.Grader> grader) implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Participants.class.getName());

  /** Makes the profile's components, its judges included; one that cannot be made is bad input. */
  public static Participants open(RuntimeProfile profile, ProfileComponents components, RewardSystem rewards) {
    ChatModel teacher = components.chatModel(profile, profile.teacher());
    Optional<ChatModel> probe = profile.probe().map(p -> components.chatModel(profile, p));
    Optional<RewardSystem.Grader> grader = profile.judges().isEmpty() ? Optional.empty()
        : Optional.of(rewards.grader(profile, teacher));
    AgentAdapter student = components.agent(profile, Map.of("teacher", teacher));
    try {
      Optional<ChatModel> learning = profile.learning().llm().map(l -> components.chatModel(profile, l));
      return new Participants(student, teacher, probe, learning, grader);
    } catch (RuntimeException e) {
      student.close();
      throw e;
    }
  }

  /** The model that distils a session into playbook entries: learning.llm, else the teacher. */
  public ChatModel learner() {
    return learningModel.orElse(teacher);
  }

  /** The orchestrator of a run of this profile with these components and the profile's templates. */
  public Orchestrator orchestrator(RuntimeProfile profile, PromptTemplates prompts, Orchestrator.Pricing pricing) {
    return new Orchestrator(student, teacher, probe, profile.orchestration(), prompts, pricing).cachingPlanReviewsOf(profile.name());
  }

  @Override
  public void close() {
    try {
      student.close();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing the agent adapter", e);
    }
  }
}
