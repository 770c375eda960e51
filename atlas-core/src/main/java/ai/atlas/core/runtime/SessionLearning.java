package ai.atlas.core.runtime;

import ai.atlas.core.application.playbook.PlaybookService;
import ai.atlas.core.domain.playbook.PlaybookEntry;
import ai.atlas.core.domain.session.RewardWindow;
import ai.atlas.core.domain.session.SessionStatus;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.spi.ChatMessage;
import ai.atlas.spi.ChatRequest;
import ai.atlas.spi.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * What a session gives to and takes from its learning key's playbook: the entries injected into
 * its prompts, the outcome they led to, and the entries the learning model distils from the
 * session when it was scored or succeeded. A failure here is an event of the session, never its failure.
 */
@ApplicationScoped
public class SessionLearning {

  /**
   * One learning key's sessions learn one at a time on this server: {@code learn} reads the key's
   * entries to leave out what it already has, so two sessions of a key finishing together would
   * otherwise both store the same lesson. Held here, around the transactional call, so the lock
   * covers its commit too. Striped, so keys need no map that grows.
   */
  private static final Lock[] KEY_LOCKS = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock())
      .toArray(Lock[]::new);

  @Inject PlaybookService playbooks;

  /** The playbook entries for this session's prompts (none when the profile does not inject), announced as an event. */
  PlaybookService.Injection inject(RuntimeProfile profile, String learningKey, String task, SessionEvents events) {
    PlaybookService.Injection injection = profile.learning().injects()
        ? playbooks.forSession(learningKey, task, profile.learning().playbookMaxChars())
            .onlyFor(profile.learning().toStudent(), profile.learning().toTeacher())
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

  /**
   * Whether a session is distilled: it did not fail, and it was scored or it succeeded. A scored
   * session teaches whatever its outcome (atlas-sdk distils every session with a reward): a guided
   * answer the judges scored 1.0 succeeded, whether or not the teacher's last verdict said so, and
   * a low score is a lesson too.
   */
  static boolean distils(RuntimeProfile profile, RunResult result, Double reward) {
    return profile.learning().learns() && result.status() != SessionStatus.FAILED
        && (reward != null || result.status() == SessionStatus.SUCCEEDED);
  }

  /** Asks the learning model to distil the session into playbook entries. Answers the call's tokens. */
  TokenUsage learn(long id, RuntimeProfile profile, Participants participants, PromptTemplates prompts, String task,
      RunResult result, Double reward, String learningKey, SessionEvents events) {
    PromptTemplates.Template template = prompts.get(PromptTemplates.LEARNING_SYNTHESIS);
    Map<String, String> values = Map.of("task", task, "answer", String.valueOf(result.finalAnswer()),
        "reward", reward == null ? "none" : String.format(Locale.ROOT, "%.2f", reward), "trace", trace(result));
    try {
      var reply = participants.learner().chat(ChatRequest.of(List.of(ChatMessage.user(template.render(values)))));
      List<PlaybookService.Candidate> candidates = TeacherReplies.candidates(reply.message().content());
      List<PlaybookEntry> stored;
      Lock lock = KEY_LOCKS[Math.floorMod(learningKey.hashCode(), KEY_LOCKS.length)];
      lock.lock();
      try {
        stored = playbooks.learn(learningKey, profile.name(), id, candidates, result.finalAnswer(), profile.learning().gates(),
            profile.learning().rubric());
      } finally {
        lock.unlock();
      }
      events.event("playbook.learned", Map.of("proposed", candidates.size(), "kept", stored.size(), "learned", stored.stream()
              .map(e -> e.getAudience().wireName() + ", " + e.getCueKind().wireName() + " " + e.getCue() + ": " + e.getAction()).toList(),
          "template", template.name() + "@" + template.version(), "prompt_tokens", reply.usage().promptTokens(),
          "completion_tokens", reply.usage().completionTokens()));
      return reply.usage();
    } catch (RuntimeException e) {
      events.event("learning.failed", Map.of("reason", String.valueOf(e.getMessage())));
      return TokenUsage.ZERO;
    }
  }

  /**
   * What happened, one line per attempt at each step: its output, and the guidance it was given
   * ({@code - answer: b}, then {@code - answer, with guidance "k1 q2 m3": m}); an empty guidance
   * is written as such, since a verdict without guidance is something to learn from.
   */
  static String trace(RunResult result) {
    StringBuilder trace = new StringBuilder();
    for (RunResult.Step step : result.steps()) {
      if (step.tries().isEmpty()) {
        trace.append("- ").append(step.description()).append(": ").append(step.output()).append('\n');
      }
      for (RunResult.Attempt attempt : step.tries()) {
        trace.append("- ").append(step.description());
        if (attempt.guidance() != null) {
          trace.append(", with guidance \"").append(attempt.guidance()).append('"');
        }
        trace.append(": ").append(attempt.output()).append('\n');
      }
    }
    return trace.toString().stripTrailing();
  }
}
