package ai.atlas.core.domain.playbook;

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

  @Column(name = "expected_effect")
  private String expectedEffect;

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
    this.createdAt = at;
    this.updatedAt = at;
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
    return "When " + cue + ": " + action + (expectedEffect == null || expectedEffect.isBlank() ? "" : " (expected: " + expectedEffect + ")");
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
