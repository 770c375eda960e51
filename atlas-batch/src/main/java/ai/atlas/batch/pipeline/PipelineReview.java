package ai.atlas.batch.pipeline;

import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionQuery;
import ai.atlas.core.domain.session.SessionRepository;
import ai.atlas.core.sessions.SessionService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.util.List;
import java.util.Locale;

/**
 * The review rule: every pending session of the profile scored with a reward of at least
 * {@code minReward} is approved, in the caller's name, with a note naming the job and the rule;
 * the rest stay pending for a person. With no approved session of the profile afterwards the job
 * ends here, failed, with an exit status that says why (exit {@code EMPTY}).
 */
@Named("pipelineReview")
@Dependent
public class PipelineReview extends AbstractBatchlet {

  private static final int PAGE = 100;

  @Inject @BatchProperty String profile;
  @Inject @BatchProperty String minReward;
  @Inject @BatchProperty String startedBy;
  @Inject JobContext job;
  @Inject SessionRepository repository;
  @Inject SessionService sessions;
  @Inject PipelineReport report;

  private volatile boolean stopping;

  @Override
  public String process() {
    double threshold = Double.parseDouble(minReward);
    Actor actor = new Actor(startedBy == null || startedBy.isBlank() ? Actor.SYSTEM.name() : startedBy, null);
    String note = String.format(Locale.ROOT, "approved by pipeline job %d: reward >= %.2f", job.getInstanceId(), threshold);
    // the reward is the judges' verdict on the final answer; a run the teacher left for review can still be right
    SessionQuery candidates = SessionQuery.withReviewStatus(ReviewStatus.PENDING).profile(profile).rewardBetween(threshold, null);
    int approved = 0;
    long after = 0;
    while (!stopping) {
      List<AgentSession> page = repository.findAfter(candidates, after, PAGE);
      for (AgentSession session : page) {
        sessions.review(session.getId(), ReviewStatus.APPROVED, note, actor, s -> null);
        approved++;
        after = session.getId();
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    if (stopping) {
      return "STOPPED";
    }
    long total = count(SessionQuery.all().profile(profile));
    long approvedNow = count(SessionQuery.withReviewStatus(ReviewStatus.APPROVED).profile(profile));
    long pending = count(SessionQuery.withReviewStatus(ReviewStatus.PENDING).profile(profile));
    report.stage(job, "review", Json.createObjectBuilder().add("rule", String.format(Locale.ROOT, "reward >= %.2f", threshold))
        .add("approvedNow", approved).add("approved", approvedNow).add("pending", pending).add("sessions", total).build());
    if (approvedNow == 0) {
      String why = total == 0
          ? "profile '" + profile + "' has no sessions to learn from: run some, or give the job a 'tasks' file"
          : String.format(Locale.ROOT, "profile '%s' has no approved sessions to learn from (%d sessions, %d pending review):"
              + " approve some, or lower 'minReward' (%.2f)", profile, total, pending, threshold);
      job.setExitStatus(why);
      return "EMPTY";
    }
    return "approved " + approved + " (" + approvedNow + " approved in all)";
  }

  private long count(SessionQuery query) {
    return sessions.list(query, 0, 1, s -> s.getId()).total();
  }

  @Override
  public void stop() {
    stopping = true;
  }
}
