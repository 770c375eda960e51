package ai.atlas.core.plugins;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.profile.PromptVersions;
import ai.atlas.core.profile.RuntimeProfile.Component;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.spi.AgentAdapter;
import ai.atlas.spi.ChatModel;
import ai.atlas.spi.Judge;
import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * The one way from a stored profile to its plugin components: the profile as it runs now (its
 * active prompt versions applied), and its models, agent and judges made by the server's plugins
 * with the profile's settings and secrets. A component that cannot be made is the profile's fault,
 * so it is bad input ({@code profile 'x' cannot run: ...}), never a server error. The runtime, the
 * reward system and the jobs all come through here.
 */
@ApplicationScoped
public class ProfileComponents {

  @Inject ProfileService profiles;
  @Inject PromptVersions promptVersions;
  @Inject PluginComponents plugins;

  /** The stored profile as it runs now: parsed, with its active prompt versions. */
  public RuntimeProfile resolve(String name) {
    return promptVersions.apply(RuntimeProfile.from(name, profiles.get(name).document()));
  }

  /** A model component of the profile (its teacher, probe, learning model, a judge's model). */
  public ChatModel chatModel(RuntimeProfile profile, Component component) {
    return made(profile, "", () -> plugins.registry().chatModel(component.type(), settings(component, Map.of())));
  }

  /** The profile's agent (the student), limited to the profile's call timeout; {@code models} are those its settings may name. */
  public AgentAdapter agent(RuntimeProfile profile, Map<String, ChatModel> models) {
    return made(profile, "its agent ", () -> plugins.registry().agentAdapter(profile.agent().type(), settings(profile.agent(), models),
        profile.orchestration().studentLimits().callTimeout()));
  }

  /** One of the profile's plugin judges (not a rubric, which the reward system runs itself); {@code models} as for the agent. */
  public Judge judge(RuntimeProfile profile, RuntimeProfile.WeightedJudge judge, Map<String, ChatModel> models) {
    return made(profile, "judge '" + judge.name() + "' ", () -> plugins.registry().judge(judge.judge().type(),
        settings(judge.judge(), models)));
  }

  private PluginSettings settings(Component component, Map<String, ChatModel> models) {
    return new SettingsMap(component.settings(), plugins.secrets(), name -> Optional.ofNullable(models.get(name)));
  }

  private interface Making<T> {
    T make() throws PluginException;
  }

  private static <T> T made(RuntimeProfile profile, String what, Making<T> making) {
    try {
      return making.make();
    } catch (PluginException e) {
      throw new InvalidInputException("profile '" + profile.name() + "' cannot run" + (what.isEmpty() ? "" : " " + what.strip())
          + ": " + e.getMessage());
    }
  }
}
