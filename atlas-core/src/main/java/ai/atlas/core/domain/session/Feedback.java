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
import java.util.Locale;
import java.util.Optional;

/**
 * Explicit feedback on a session's answer. {@code rating} is normalised to [0, 1]: thumbs up 1 and
 * down 0, approve 1 and reject 0, a 1-to-5 rating (r - 1) / 4; an edit carries the corrected answer.
 */
@Entity
@Table(name = "session_feedback")
public class Feedback {

  /** What kind of feedback it is. */
  public enum Kind {
    THUMBS, RATING, APPROVE, REJECT, EDIT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "session_id", nullable = false)
  private AgentSession session;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Kind kind;

  private Double rating;

  private String comment;

  @Column(name = "edited_answer")
  private String editedAnswer;

  @Column(nullable = false)
  private String actor;

  @Column(name = "given_at", nullable = false)
  private Instant givenAt;

  protected Feedback() {}

  Feedback(AgentSession session, Kind kind, Double rating, String comment, String editedAnswer, String actor, Instant at) {
    this.session = session;
    this.kind = kind;
    this.rating = rating;
    this.comment = comment;
    this.editedAnswer = editedAnswer;
    this.actor = actor;
    this.givenAt = at;
  }

  public Kind getKind() {
    return kind;
  }

  public Optional<Double> getRating() {
    return Optional.ofNullable(rating);
  }

  public Optional<String> getComment() {
    return Optional.ofNullable(comment);
  }

  public Optional<String> getEditedAnswer() {
    return Optional.ofNullable(editedAnswer);
  }

  public String getActor() {
    return actor;
  }

  public Instant getGivenAt() {
    return givenAt;
  }
}
