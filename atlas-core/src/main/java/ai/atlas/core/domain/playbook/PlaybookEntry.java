package ai.atlas.core.domain.playbook;

import ai.atlas.core.domain.text.DeadlineCharSequence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/**
 * One learned hint for a learning key: when the cue holds, take the action, expecting the effect.
 * It starts provisional (injected, to be measured), becomes active when the sessions it was
 * injected into do at least as well as the key's others, and is deprecated when they do worse.
 */
@Entity
@Table(name = "playbook_entries")
public class PlaybookEntry {

  /** Where an entry is in its life. */
  public enum Status {
    PROVISIONAL, ACTIVE, DEPRECATED, PRUNED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "learning_key", nullable = false)
  private String learningKey;

  private String profile;

  @Column(nullable = false)
  private String cue;

  @Column(nullable = false)
  private String action;

  @Column(name = "cue_kind", nullable = false)
  private String cueKind = CueKind.TEXT.wireName();

  @Column(nullable = false)
  private String audience = Audience.BOTH.wireName();

  @Column(name = "expected_effect")
  private String expectedEffect;

  /** The SHA-256 of the normalised cue and action, unique per learning key (V17); null for entries learned before. */
  @Column(name = "lesson_hash")
  private String lessonHash;

  private String scope;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "source_session_id")
  private Long sourceSessionId;

  @Column(nullable = false)
  private int uses;

  @Column(name = "reward_with_sum", nullable = false)
  private double rewardWithSum;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  private long version;

  protected PlaybookEntry() {}

  /**
   * How an entry's cue decides whether it applies to a task: {@code TEXT} always (the cue describes
   * the situation to the model), {@code KEYWORD} when the task holds one of the cue's
   * comma-separated words or phrases (any case, whole words), {@code REGEX} when the task matches the
   * cue (a search, time-boxed so a bad pattern cannot hang a session).
   */
  public enum CueKind {
    TEXT, KEYWORD, REGEX;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<CueKind> fromWire(String value) {
      return java.util.Arrays.stream(values()).filter(k -> k.wireName().equals(value)).findFirst();
    }
  }

  /** Whose prompt an entry goes into: the student's task, the teacher's validations, or both. */
  public enum Audience {
    STUDENT, TEACHER, BOTH;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<Audience> fromWire(String value) {
      return java.util.Arrays.stream(values()).filter(a -> a.wireName().equals(value)).findFirst();
    }

    public boolean reaches(Audience who) {
      return this == BOTH || this == who;
    }
  }

  /** The longest task text a regex cue is matched against, and the time it may take. */
  private static final int REGEX_INPUT = 8_000;
  private static final long REGEX_NANOS = 50_000_000L;

  /** Whether the entry applies to this task, by its cue. */
  public boolean appliesTo(String task) {
    String text = task == null ? "" : task;
    return switch (getCueKind()) {
      case TEXT -> true;
      case KEYWORD -> java.util.Arrays.stream(cue.split(",")).map(String::strip).filter(w -> !w.isEmpty())
          .anyMatch(w -> java.util.regex.Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(w) + "(?![\\p{L}\\p{N}])")
              .matcher(text).find());
      case REGEX -> regexMatches(cue, text);
    };
  }

  /** A cue's pattern that ran past its time: the entry does not apply. */
  private static final class TooSlow extends RuntimeException {
    TooSlow() {
      super(null, null, false, false);
    }
  }

  private static boolean regexMatches(String pattern, String text) {
    java.util.regex.Pattern compiled;
    try {
      compiled = java.util.regex.Pattern.compile(pattern);
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
    long deadline = System.nanoTime() + REGEX_NANOS;
    String input = text.length() > REGEX_INPUT ? text.substring(0, REGEX_INPUT) : text;
    try {
      return compiled.matcher(new DeadlineCharSequence(input, deadline, TooSlow::new)).find();
    } catch (TooSlow e) {
      return false;
    }
  }


  public PlaybookEntry(String learningKey, String profile, String cue, String action, String expectedEffect, String scope,
      Long sourceSessionId, Instant at) {
    this.learningKey = learningKey;
    this.profile = profile;
    this.cue = cue;
    this.action = action;
    this.expectedEffect = expectedEffect;
    this.scope = scope;
    this.sourceSessionId = sourceSessionId;
    this.status = Status.PROVISIONAL;
    this.cueKind = CueKind.TEXT.wireName();
    this.audience = Audience.BOTH.wireName();
    this.createdAt = at;
    this.updatedAt = at;
  }

  /** The same entry with a cue kind and an audience other than text and both. */
  public PlaybookEntry withCueAndAudience(CueKind kind, Audience whom) {
    this.cueKind = kind.wireName();
    this.audience = whom.wireName();
    return this;
  }

  /** Marks the entry as this lesson of its key (the store refuses a second entry with the same hash). */
  public PlaybookEntry withLessonHash(String hash) {
    this.lessonHash = hash;
    return this;
  }

  public String getLessonHash() {
    return lessonHash;
  }

  public CueKind getCueKind() {
    return CueKind.fromWire(cueKind).orElse(CueKind.TEXT);
  }

  public Audience getAudience() {
    return Audience.fromWire(audience).orElse(Audience.BOTH);
  }

  /** The session it was injected into ended with this reward. */
  public void recordUse(double reward, Instant at) {
    uses++;
    rewardWithSum += reward;
    updatedAt = at;
  }

  public void moveTo(Status next, Instant at) {
    status = next;
    updatedAt = at;
  }

  /** The mean reward of the sessions it was injected into, or NaN before any. */
  public double meanRewardWith() {
    return uses == 0 ? Double.NaN : rewardWithSum / uses;
  }

  /** How it is written into a prompt. */
  public String render() {
    String when = switch (getCueKind()) {
      case TEXT -> cue;
      case KEYWORD -> "the task mentions " + cue;
      case REGEX -> "the task matches /" + cue + "/";
    };
    return "When " + when + ": " + action + (expectedEffect == null || expectedEffect.isBlank() ? "" : " (expected: " + expectedEffect + ")");
  }

  public Long getId() {
    return id;
  }

  public String getLearningKey() {
    return learningKey;
  }

  public String getCue() {
    return cue;
  }

  public String getAction() {
    return action;
  }

  public String getExpectedEffect() {
    return expectedEffect;
  }

  public String getScope() {
    return scope;
  }

  public Status getStatus() {
    return status;
  }

  public int getUses() {
    return uses;
  }

  public Long getSourceSessionId() {
    return sourceSessionId;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
