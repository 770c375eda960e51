package ai.atlas.core.runtime;

import ai.atlas.core.application.playbook.PlaybookService;
import ai.atlas.core.domain.session.RewardWindow;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * What a session gives to and takes from its learning key's playbook: the entries injected into
 * its prompts, the outcome they led to, and the entries the learning model distils from the
 * session when it succeeded. A failure here is an event of the session, never its failure.
 */
@ApplicationScoped
public class SessionLearning {

  @Inject PlaybookService playbooks;

  /** The playbook entries for this session's prompts (none when the profile does not inject), announced as an event. */
  PlaybookService.Injection inject(RuntimeProfile profile, String learningKey, String task, SessionEvents events) {
    PlaybookService.Injection injection = profile.learning().injects()
        ? playbooks.forSession(learningKey, task, profile.learning().playbookMaxChars())
        : PlaybookService.Injection.NONE;
    if (!injection.entryIds().isEmpty() || injection.notCued() > 0) {
      events.event("playbook.injected", Map.of("entries", injection.entryIds(), "student", injection.studentIds(),
          "teacher", injection.teacherIds(), "not_cued", injection.notCued()));
    }
    return injection;
  }

  /** Credits the injected entries with the session's reward, against the key's mean reward with it. */
  void recordOutcome(RuntimeProfile profile, String learningKey, PlaybookService.Injection injection, Double reward,
      RewardWindow history) {
    if (reward != null && !injection.entryIds().isEmpty() && profile.learning().trackUsage()) {
      playbooks.recordOutcome(learningKey, injection.entryIds(), reward, history.sum() + reward, history.count() + 1L);
    }
  }

  /** Asks the learning model to distil the session into playbook entries, when the profile learns. Answers the call's tokens. */
  TokenUsage learn(long id, RuntimeProfile profile, Participants participants, PromptTemplates prompts, String task,
      RunResult result, String learningKey, SessionEvents events) {
    PromptTemplates.Template template = prompts.get(PromptTemplates.LEARNING_SYNTHESIS);
    StringBuilder trace = new StringBuilder();
    result.steps().forEach(s -> trace.append("- ").append(s.description()).append(" -> ").append(s.output())
        .append(" (attempts ").append(s.attempts()).append(")\n"));
    try {
      var reply = participants.learner().chat(ChatRequest.of(List.of(ChatMessage.user(template.render(Map.of(
          "task", task, "answer", String.valueOf(result.finalAnswer()), "trace", trace.toString()))))));
      List<PlaybookService.Candidate> candidates = TeacherReplies.candidates(reply.message().content());
      var stored = playbooks.learn(learningKey, profile.name(), id, candidates, result.finalAnswer(), profile.learning().gates(),
          profile.learning().rubric());
      events.event("playbook.learned", Map.of("proposed", candidates.size(), "kept", stored.size(),
          "template", template.name() + "@" + template.version(), "prompt_tokens", reply.usage().promptTokens(),
          "completion_tokens", reply.usage().completionTokens()));
      return reply.usage();
    } catch (RuntimeException e) {
      events.event("learning.failed", Map.of("reason", String.valueOf(e.getMessage())));
      return TokenUsage.ZERO;
    }
  }
}
