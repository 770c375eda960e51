package ai.atlas.core.application;

import ai.atlas.core.domain.session.SessionOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether an agent is learning, from its sessions: per hour or day, how many sessions ran, their
 * mean reward and the lanes they ran in (the supervision the teacher still has to give: a
 * learning agent moves from coach and paired towards auto); and the sessions whose reward drifted.
 */
public record LearningTimeline(String bucket, int sessions, List<Point> points, List<DriftAlert> drift) {

  /** At most this many sessions are read for one timeline (the newest). */
  public static final int MAX_SESSIONS = 20_000;
  /** Drift alerts listed, newest first. */
  public static final int MAX_ALERTS = 50;

  /** The width of a point. */
  public enum Bucket {
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    Bucket(ChronoUnit unit) {
      this.unit = unit;
    }

    public static Bucket of(String name) {
      for (Bucket b : values()) {
        if (b.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
          return b;
        }
      }
      throw new InvalidInputException("'bucket' must be hour or day, not '" + name + "'");
    }
  }

  /** One bucket: sessions started in it, how many had a reward, their mean, sessions per lane. */
  public record Point(Instant start, int sessions, int rewarded, Double meanReward, Map<String, Integer> lanes) {}

  /** A session whose reward was far from its learning key's recent history. */
  public record DriftAlert(long sessionId, String learningKey, Double reward, double driftScore, Instant createdAt, String reviewStatus) {}

  public static LearningTimeline of(List<SessionOutcome> outcomes, Bucket bucket) {
    Map<Instant, List<SessionOutcome>> byStart = new TreeMap<>();
    for (SessionOutcome o : outcomes) {
      byStart.computeIfAbsent(o.createdAt().truncatedTo(bucket.unit), k -> new ArrayList<>()).add(o);
    }
    List<Point> points = new ArrayList<>();
    byStart.forEach((start, group) -> {
      double sum = 0;
      int rewarded = 0;
      Map<String, Integer> lanes = new TreeMap<>();
      for (SessionOutcome o : group) {
        if (o.reward() != null) {
          sum += o.reward();
          rewarded++;
        }
        lanes.merge(o.lane() == null ? "unknown" : o.lane(), 1, Integer::sum);
      }
      points.add(new Point(start, group.size(), rewarded, rewarded == 0 ? null : sum / rewarded, lanes));
    });
    List<DriftAlert> drift = outcomes.stream().filter(o -> o.driftScore() != null)
        .sorted(Comparator.comparing(SessionOutcome::createdAt).thenComparing(SessionOutcome::id).reversed())
        .limit(MAX_ALERTS)
        .map(o -> new DriftAlert(o.id(), o.learningKey(), o.reward(), o.driftScore(), o.createdAt(),
            o.reviewStatus() == null ? null : o.reviewStatus().name().toLowerCase(Locale.ROOT)))
        .toList();
    return new LearningTimeline(bucket.name().toLowerCase(Locale.ROOT), outcomes.size(), points, drift);
  }
}
