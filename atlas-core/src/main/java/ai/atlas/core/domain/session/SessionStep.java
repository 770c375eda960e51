package ai.atlas.core.domain.session;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** One step of a session's plan: what it was meant to do, what it produced, how it scored. */
@Entity
@Table(name = "session_steps")
public class SessionStep {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "session_id", nullable = false)
  private AgentSession session;

  @Column(name = "step_index", nullable = false)
  private int stepIndex;

  private String description;

  private String output;

  private String status;

  private Double reward;

  @Column(name = "tool_calls")
  private String toolCalls;

  @OneToMany(mappedBy = "step", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("number")
  private List<StepAttempt> attempts = new ArrayList<>();

  protected SessionStep() {}

  SessionStep(AgentSession session, int stepIndex, String description) {
    this.session = session;
    this.stepIndex = stepIndex;
    this.description = description;
  }

  /** Records what the step produced and how it ended. */
  public void finish(String output, String status, Double reward) {
    this.output = output;
    this.status = status;
    this.reward = reward;
  }

  /** Appends an attempt; attempts are numbered from 1 in the order they are added. */
  public StepAttempt addAttempt(String guidance, String output, Boolean valid, String feedback) {
    StepAttempt attempt = new StepAttempt(this, attempts.size() + 1, guidance, output, valid, feedback);
    attempts.add(attempt);
    return attempt;
  }

  /** The tools the agent called in this step, as a JSON array. */
  public void setToolCalls(String toolCallsJson) {
    this.toolCalls = toolCallsJson;
  }

  public Optional<String> getToolCalls() {
    return Optional.ofNullable(toolCalls);
  }

  public List<StepAttempt> getAttempts() {
    return Collections.unmodifiableList(attempts);
  }

  public int getStepIndex() {
    return stepIndex;
  }

  public Optional<String> getDescription() {
    return Optional.ofNullable(description);
  }

  public Optional<String> getOutput() {
    return Optional.ofNullable(output);
  }

  public Optional<String> getStatus() {
    return Optional.ofNullable(status);
  }

  public Optional<Double> getReward() {
    return Optional.ofNullable(reward);
  }
}
