package ai.atlas.core.runtime;

import ai.atlas.core.application.secrets.Secrets;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.plugins.PluginRegistry;
import ai.atlas.core.plugins.SettingsMap;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin components one run of a profile talks to: the student (the agent adapter), the
 * teacher, the optional probe and the optional learning model. Opened before the run, so a profile whose plugins cannot be
 * made is refused before anything is recorded; closed when the run ends.
 */
public record Participants(AgentAdapter student, ChatModel teacher, Optional<ChatModel> probe, Optional<ChatModel> learningModel)
    implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Participants.class.getName());

  /** Makes the profile's components; the judges are made once here too, to fail before the run when one cannot be. */
  public static Participants open(RuntimeProfile profile, PluginRegistry registry, Secrets secrets) {
    try {
      ChatModel teacher = registry.chatModel(profile.teacher().type(), settings(profile.teacher().settings(), secrets, null));
      Optional<ChatModel> probe = profile.probe().map(p -> registry.chatModel(p.type(), settings(p.settings(), secrets, null)));
      Map<String, ChatModel> models = Map.of("teacher", teacher);
      for (RuntimeProfile.WeightedJudge judge : profile.judges()) {
        if (!RuntimeProfile.isRubric(judge)) {
          registry.judge(judge.judge().type(), settings(judge.judge().settings(), secrets, models));
        }
      }
      AgentAdapter student = registry.agentAdapter(profile.agent().type(), settings(profile.agent().settings(), secrets, models),
          profile.orchestration().studentLimits().callTimeout());
      Optional<ChatModel> learning = profile.learning().llm().map(l -> registry.chatModel(l.type(), settings(l.settings(), secrets, null)));
      return new Participants(student, teacher, probe, learning);
    } catch (PluginException e) {
      throw new InvalidInputException("profile '" + profile.name() + "' cannot run: " + e.getMessage());
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

  private static PluginSettings settings(Map<String, String> values, Secrets secrets, Map<String, ChatModel> models) {
    return new SettingsMap(values, secrets, name -> Optional.ofNullable(models == null ? null : models.get(name)));
  }
}
