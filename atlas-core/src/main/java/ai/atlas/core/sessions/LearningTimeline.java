package ai.atlas.core.sessions;

import ai.atlas.core.common.InvalidInputException;
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
 * Whether an agent is learning, from its sessions: per hour, per day or per run of sessions in the
 * order they started, how many sessions ran, their mean reward and the lanes they ran in (the
 * supervision the teacher still has to give: a learning agent moves from coach and paired towards
 * auto); and the sessions whose reward drifted. Runs of sessions show learning that happens in
 * minutes (a demo, a retrained teacher switched in) which an hourly point would hide.
 */
public record LearningTimeline(String bucket, int sessions, List<Point> points, List<DriftAlert> drift) {

  /** At most this many sessions are read for one timeline (the newest). */
  public static final int MAX_SESSIONS = 20_000;
  /** Drift alerts listed, newest first. */
  public static final int MAX_ALERTS = 50;

  /** Sessions in one point of a {@link Bucket#SESSIONS} timeline unless asked otherwise. */
  public static final int DEFAULT_RUN = 10;
  /** The most sessions one point of a {@link Bucket#SESSIONS} timeline may hold. */
  public static final int MAX_RUN = 1000;

  /** The width of a point: an hour, a day, or a run of sessions. */
  public enum Bucket {
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS),
    SESSIONS(null);

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
      throw new InvalidInputException("'bucket' must be hour, day or sessions, not '" + name + "'");
    }
  }

  /**
   * One bucket: when its first session started, the first and last session in it, how many
   * sessions, how many had a reward, their mean, sessions per lane.
   */
  public record Point(Instant start, long firstSession, long lastSession, int sessions, int rewarded, Double meanReward,
      Map<String, Integer> lanes) {}

  /** A session whose reward was far from its learning key's recent history. */
  public record DriftAlert(long sessionId, String learningKey, Double reward, double driftScore, Instant createdAt, String reviewStatus) {}

  /** Hour or day points; a {@link Bucket#SESSIONS} timeline with runs of {@value #DEFAULT_RUN}. */
  public static LearningTimeline of(List<SessionOutcome> outcomes, Bucket bucket) {
    return of(outcomes, bucket, DEFAULT_RUN);
  }

  /** {@code run}: the sessions in one point of a {@link Bucket#SESSIONS} timeline, counted from the oldest. */
  public static LearningTimeline of(List<SessionOutcome> outcomes, Bucket bucket, int run) {
    if (run < 1 || run > MAX_RUN) {
      throw new InvalidInputException("'size' must be between 1 and " + MAX_RUN + ", not " + run);
    }
    List<SessionOutcome> oldestFirst = outcomes.stream()
        .sorted(Comparator.comparing(SessionOutcome::createdAt).thenComparing(SessionOutcome::id)).toList();
    List<List<SessionOutcome>> groups = new ArrayList<>();
    if (bucket == Bucket.SESSIONS) {
      for (int i = 0; i < oldestFirst.size(); i += run) {
        groups.add(oldestFirst.subList(i, Math.min(oldestFirst.size(), i + run)));
      }
    } else {
      Map<Instant, List<SessionOutcome>> byStart = new TreeMap<>();
      for (SessionOutcome o : oldestFirst) {
        byStart.computeIfAbsent(o.createdAt().truncatedTo(bucket.unit), k -> new ArrayList<>()).add(o);
      }
      groups.addAll(byStart.values());
    }
    List<Point> points = groups.stream().map(group -> point(bucket == Bucket.SESSIONS ? group.get(0).createdAt()
        : group.get(0).createdAt().truncatedTo(bucket.unit), group)).toList();
    List<DriftAlert> drift = outcomes.stream().filter(o -> o.driftScore() != null)
        .sorted(Comparator.comparing(SessionOutcome::createdAt).thenComparing(SessionOutcome::id).reversed())
        .limit(MAX_ALERTS)
        .map(o -> new DriftAlert(o.id(), o.learningKey(), o.reward(), o.driftScore(), o.createdAt(),
            o.reviewStatus() == null ? null : o.reviewStatus().name().toLowerCase(Locale.ROOT)))
        .toList();
    return new LearningTimeline(bucket.name().toLowerCase(Locale.ROOT), outcomes.size(), points, drift);
  }

  private static Point point(Instant start, List<SessionOutcome> group) {
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
    long first = group.stream().mapToLong(SessionOutcome::id).min().orElse(0);
    long last = group.stream().mapToLong(SessionOutcome::id).max().orElse(0);
    return new Point(start, first, last, group.size(), rewarded, rewarded == 0 ? null : sum / rewarded, lanes);
  }
}
