package ai.atlas.core.domain.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** The audit record of one review decision: who moved a session from what status to what, and why. */
@Entity
@Table(name = "review_decisions")
public class ReviewDecision {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "session_id", nullable = false)
  private AgentSession session;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status", nullable = false)
  private ReviewStatus from;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status", nullable = false)
  private ReviewStatus to;

  private String note;

  @Column(nullable = false)
  private String actor;

  @Column(name = "decided_at", nullable = false)
  private Instant decidedAt;

  protected ReviewDecision() {}

  ReviewDecision(
      AgentSession session, ReviewStatus from, ReviewStatus to, String note, String actor, Instant at) {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("a review decision needs an actor");
    }
    this.session = session;
    this.from = from;
    this.to = to;
    this.note = note;
    this.actor = actor;
    this.decidedAt = at;
  }

  public ReviewStatus getFrom() {
    return from;
  }

  public ReviewStatus getTo() {
    return to;
  }

  public Optional<String> getNote() {
    return Optional.ofNullable(note);
  }

  public String getActor() {
    return actor;
  }

  public Instant getDecidedAt() {
    return decidedAt;
  }
}
