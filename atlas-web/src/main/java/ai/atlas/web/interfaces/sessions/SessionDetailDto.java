package ai.atlas.web.interfaces.sessions;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** A session with its full trace; {@code serverId} names the server that ran it (null while queued). */
public record SessionDetailDto(
    long id,
    String task,
    String profile,
    String learningKey,
    String executionMode,
    String status,
    String reviewStatus,
    String reviewNotes,
    String finalAnswer,
    JsonValue plan,
    Double sessionReward,
    Double costUsd,
    Double driftScore,
    JsonValue rewardStats,
    JsonValue metadata,
    TokenUsageDto tokenUsage,
    Instant createdAt,
    Instant completedAt,
    String serverId,
    List<StepDto> steps,
    List<EventDto> events,
    List<ReviewDecisionDto> reviewHistory,
    List<FeedbackDto> feedback) {

  public record TokenUsageDto(long promptTokens, long completionTokens) {}

  public record StepDto(int index, String description, String output, String status, Double reward, JsonValue toolCalls,
      List<AttemptDto> attempts) {}

  /** One attempt at a step: the guidance it was given, the answer, and the teacher's verdict (null where none). */
  public record AttemptDto(int attempt, String guidance, String output, Boolean valid, String feedback) {}

  public record EventDto(int seq, String type, JsonValue payload, Instant createdAt) {}

  public record FeedbackDto(String kind, Double rating, String comment, String editedAnswer, String actor, Instant givenAt) {}

  public record ReviewDecisionDto(String from, String to, String note, String actor, Instant decidedAt) {}
}
