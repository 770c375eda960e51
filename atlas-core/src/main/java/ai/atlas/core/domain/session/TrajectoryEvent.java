package ai.atlas.core.domain.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened during a session (a model call, a validation, a retry...), in order.
 * The same events are streamed to the caller while the session runs and replayed afterwards.
 */
@Entity
@Table(name = "trajectory_events")
public class TrajectoryEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "session_id", nullable = false)
  private AgentSession session;

  @Column(nullable = false)
  private int seq;

  @Column(name = "event_type", nullable = false)
  private String type;

  /** The event's data as a JSON value. */
  private String payload;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected TrajectoryEvent() {}

  /**
   * An event of the session numbered {@code seq}, to be stored without loading the session's
   * other events ({@link SessionRepository#appendEvent}); the repository finds the number.
   */
  public static TrajectoryEvent numbered(AgentSession session, int seq, String type, String payload, Instant createdAt) {
    return new TrajectoryEvent(session, seq, type, payload, createdAt);
  }

  TrajectoryEvent(AgentSession session, int seq, String type, String payload, Instant createdAt) {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("an event needs a type");
    }
    this.session = session;
    this.seq = seq;
    this.type = type;
    this.payload = payload;
    this.createdAt = createdAt;
  }

  public int getSeq() {
    return seq;
  }

  public String getType() {
    return type;
  }

  public Optional<String> getPayload() {
    return Optional.ofNullable(payload);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
