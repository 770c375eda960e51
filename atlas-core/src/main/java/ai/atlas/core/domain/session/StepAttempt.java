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
import java.util.Optional;

/**
 * One attempt at a step: the guidance the student was given before it, what the student answered,
 * and the teacher's verdict (absent where nobody validated, as in the auto lane).
 */
@Entity
@Table(name = "step_attempts")
public class StepAttempt {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "step_id", nullable = false)
  private SessionStep step;

  @Column(name = "attempt", nullable = false)
  private int number;

  private String guidance;

  private String output;

  private Boolean valid;

  private String feedback;

  protected StepAttempt() {}

  StepAttempt(SessionStep step, int number, String guidance, String output, Boolean valid, String feedback) {
    this.step = step;
    this.number = number;
    this.guidance = guidance;
    this.output = output;
    this.valid = valid;
    this.feedback = feedback;
  }

  public int getNumber() {
    return number;
  }

  public Optional<String> getGuidance() {
    return Optional.ofNullable(guidance);
  }

  public Optional<String> getOutput() {
    return Optional.ofNullable(output);
  }

  public Optional<Boolean> getValid() {
    return Optional.ofNullable(valid);
  }

  public Optional<String> getFeedback() {
    return Optional.ofNullable(feedback);
  }
}
