package ai.atlas.core.domain.reward;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One call a judge made: what it was sent, what it answered, and the score read from it. */
@Entity
@Table(name = "judgements")
public class JudgementRecord {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "evaluation_id", nullable = false)
  private String evaluationId;

  @Column(name = "session_id")
  private Long sessionId;

  private String profile;

  @Column(nullable = false)
  private String judge;

  @Column(name = "call_kind", nullable = false)
  private String kind;

  private Double temperature;

  private String prompt;

  private String response;

  private Double score;

  private Double uncertainty;

  @Column(nullable = false)
  private boolean parsed;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected JudgementRecord() {}

  public JudgementRecord(String evaluationId, Long sessionId, String profile, String judge, String kind, Double temperature,
      String prompt, String response, Double score, Double uncertainty, boolean parsed, Instant createdAt) {
    this.evaluationId = evaluationId;
    this.sessionId = sessionId;
    this.profile = profile;
    this.judge = judge;
    this.kind = kind;
    this.temperature = temperature;
    this.prompt = prompt;
    this.response = response;
    this.score = score;
    this.uncertainty = uncertainty;
    this.parsed = parsed;
    this.createdAt = createdAt;
  }

  public String getEvaluationId() {
    return evaluationId;
  }

  public Optional<Long> getSessionId() {
    return Optional.ofNullable(sessionId);
  }

  public String getJudge() {
    return judge;
  }

  public String getKind() {
    return kind;
  }

  public Optional<Double> getTemperature() {
    return Optional.ofNullable(temperature);
  }

  public Optional<String> getPrompt() {
    return Optional.ofNullable(prompt);
  }

  public Optional<String> getResponse() {
    return Optional.ofNullable(response);
  }

  public Optional<Double> getScore() {
    return Optional.ofNullable(score);
  }

  public boolean isParsed() {
    return parsed;
  }
}
