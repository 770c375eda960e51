package ai.atlas.core.domain.session;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One task run through the learning loop: what was asked, how it was run (profile, lane), what it
 * answered, how it was scored, and whether a reviewer has let it into training data.
 */
@Entity
@Table(name = "sessions")
public class AgentSession {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String task;

  private String profile;

  @Column(name = "learning_key")
  private String learningKey;

  /** The server that runs (or ran) the session; null for sessions imported or recorded before V13. */
  @Column(name = "server_id")
  private String serverId;

  @Column(name = "execution_mode")
  private String executionMode;

  /** The lane the caller asked for (null: the profile decides); kept so a queued session runs as asked. */
  @Column(name = "requested_lane")
  private String requestedLane;

  /** The caller that submitted the session (a user name or {@code key:<id>}); null for older sessions. */
  @Column(name = "submitted_by")
  private String submittedBy;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private SessionStatus status;

  @Enumerated(EnumType.STRING)
  @Column(name = "review_status", nullable = false)
  private ReviewStatus reviewStatus;

  @Column(name = "review_notes")
  private String reviewNotes;

  @Column(name = "final_answer")
  private String finalAnswer;

  @Column(name = "session_reward")
  private Double sessionReward;

  /** Reward statistics as a JSON object (judge scores, samples, arbiter use). */
  @Column(name = "reward_stats")
  private String rewardStats;

  /** Free-form session metadata as a JSON object. */
  private String metadata;

  @Column(name = "prompt_tokens", nullable = false)
  private long promptTokens;

  @Column(name = "completion_tokens", nullable = false)
  private long completionTokens;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  /** The reviewed plan, as a JSON array of step descriptions. */
  private String plan;

  @Column(name = "cost_usd")
  private Double costUsd;

  /** The robust z-score of the reward against its key's history, where it drifted. */
  @Column(name = "drift_score")
  private Double driftScore;

  @Version private long version;

  @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("stepIndex")
  private List<SessionStep> steps = new ArrayList<>();

  @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("seq")
  private List<TrajectoryEvent> events = new ArrayList<>();

  @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("decidedAt")
  private List<ReviewDecision> reviewDecisions = new ArrayList<>();

  @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("givenAt")
  private List<Feedback> feedback = new ArrayList<>();

  protected AgentSession() {}

  /** A new session for a task, running and pending review. */
  public AgentSession(String task, Instant createdAt) {
    if (task == null || task.isBlank()) {
      throw new IllegalArgumentException("a session needs a task");
    }
    this.task = task;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.status = SessionStatus.RUNNING;
    this.reviewStatus = ReviewStatus.PENDING;
  }

  /** Appends a step; steps are numbered in the order they are added, from 0. */
  public SessionStep addStep(String description) {
    SessionStep step = new SessionStep(this, steps.size(), description);
    steps.add(step);
    return step;
  }

  /** Appends a trajectory event; events are numbered in the order they happen, from 0. */
  public TrajectoryEvent recordEvent(String type, String payloadJson, Instant at) {
    TrajectoryEvent event = new TrajectoryEvent(this, events.size(), type, payloadJson, at);
    events.add(event);
    return event;
  }

  /** Puts a new session in the queue: stored, waiting for a server to claim and run it. */
  public void queue() {
    if (status != SessionStatus.RUNNING || !steps.isEmpty() || !events.isEmpty()) {
      throw new IllegalStateException("only a new session can be queued");
    }
    this.status = SessionStatus.QUEUED;
  }

  /** Ends the run with a status and a final answer (which may be absent for failures). */
  public void complete(SessionStatus outcome, String answer, Instant at) {
    if (!outcome.isFinished()) {
      throw new IllegalArgumentException("a session cannot complete as " + outcome.wireName());
    }
    this.status = outcome;
    this.finalAnswer = answer;
    this.completedAt = at;
  }

  /**
   * Changes the review status and records who did it, when, from what and why. A decision to the
   * current status is still recorded: re-confirming is an auditable act too.
   */
  public ReviewDecision review(ReviewStatus to, String note, String actor, Instant at) {
    ReviewDecision decision = new ReviewDecision(this, reviewStatus, to, note, actor, at);
    reviewDecisions.add(decision);
    this.reviewStatus = to;
    if (note != null && !note.isBlank()) {
      this.reviewNotes = note;
    }
    return decision;
  }

  /** Records feedback on the answer. */
  public Feedback giveFeedback(Feedback.Kind kind, Double rating, String comment, String editedAnswer, String actor, Instant at) {
    Feedback given = new Feedback(this, kind, rating, comment, editedAnswer, actor, at);
    feedback.add(given);
    return given;
  }

  public List<Feedback> getFeedback() {
    return Collections.unmodifiableList(feedback);
  }

  public String getRequestedLane() {
    return requestedLane;
  }

  public void setRequestedLane(String requestedLane) {
    this.requestedLane = requestedLane;
  }

  public String getSubmittedBy() {
    return submittedBy;
  }

  public void setSubmittedBy(String submittedBy) {
    this.submittedBy = submittedBy;
  }

  public void setProfile(String profile) {
    this.profile = profile;
  }

  public void setLearningKey(String learningKey) {
    this.learningKey = learningKey;
  }

  public void setServerId(String serverId) {
    this.serverId = serverId;
  }

  public Optional<String> getServerId() {
    return Optional.ofNullable(serverId);
  }

  public void setExecutionMode(String executionMode) {
    this.executionMode = executionMode;
  }

  public void setSessionReward(Double sessionReward) {
    this.sessionReward = sessionReward;
  }

  public void setRewardStats(String rewardStatsJson) {
    this.rewardStats = rewardStatsJson;
  }

  public void setMetadata(String metadataJson) {
    this.metadata = metadataJson;
  }

  public void setPlan(String planJson) {
    this.plan = planJson;
  }

  public void setCostUsd(Double costUsd) {
    this.costUsd = costUsd;
  }

  public void setDriftScore(Double driftScore) {
    this.driftScore = driftScore;
  }

  public Optional<String> getPlan() {
    return Optional.ofNullable(plan);
  }

  public Optional<Double> getCostUsd() {
    return Optional.ofNullable(costUsd);
  }

  public Optional<Double> getDriftScore() {
    return Optional.ofNullable(driftScore);
  }

  public void addTokenUsage(long prompt, long completion) {
    this.promptTokens += prompt;
    this.completionTokens += completion;
  }

  public Long getId() {
    return id;
  }

  public String getTask() {
    return task;
  }

  public Optional<String> getProfile() {
    return Optional.ofNullable(profile);
  }

  public Optional<String> getLearningKey() {
    return Optional.ofNullable(learningKey);
  }

  public Optional<String> getExecutionMode() {
    return Optional.ofNullable(executionMode);
  }

  public SessionStatus getStatus() {
    return status;
  }

  public ReviewStatus getReviewStatus() {
    return reviewStatus;
  }

  public Optional<String> getReviewNotes() {
    return Optional.ofNullable(reviewNotes);
  }

  public Optional<String> getFinalAnswer() {
    return Optional.ofNullable(finalAnswer);
  }

  public Optional<Double> getSessionReward() {
    return Optional.ofNullable(sessionReward);
  }

  public Optional<String> getRewardStats() {
    return Optional.ofNullable(rewardStats);
  }

  public Optional<String> getMetadata() {
    return Optional.ofNullable(metadata);
  }

  public long getPromptTokens() {
    return promptTokens;
  }

  public long getCompletionTokens() {
    return completionTokens;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Optional<Instant> getCompletedAt() {
    return Optional.ofNullable(completedAt);
  }

  public List<SessionStep> getSteps() {
    return Collections.unmodifiableList(steps);
  }

  public List<TrajectoryEvent> getEvents() {
    return Collections.unmodifiableList(events);
  }

  public List<ReviewDecision> getReviewDecisions() {
    return Collections.unmodifiableList(reviewDecisions);
  }
}
