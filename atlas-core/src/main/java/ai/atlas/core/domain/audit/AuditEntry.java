package ai.atlas.core.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One change made to ATLAS: who made it, when, what it was, on what, and from where. Never updated. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(nullable = false)
  private String actor;

  @Column(nullable = false)
  private String action;

  private String target;

  private String detail;

  @Column(name = "remote_address")
  private String remoteAddress;

  protected AuditEntry() {}

  public AuditEntry(Actor actor, String action, String target, String detail, Instant at) {
    this.actor = actor.name();
    this.remoteAddress = actor.address();
    this.action = action;
    this.target = target;
    this.detail = detail;
    this.occurredAt = at;
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public String getActor() {
    return actor;
  }

  public String getAction() {
    return action;
  }

  public Optional<String> getTarget() {
    return Optional.ofNullable(target);
  }

  public Optional<String> getDetail() {
    return Optional.ofNullable(detail);
  }

  public Optional<String> getRemoteAddress() {
    return Optional.ofNullable(remoteAddress);
  }
}
