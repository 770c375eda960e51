package ai.atlas.web.interfaces.sessions;

import java.time.Instant;

/** A session in a listing. */
public record SessionSummaryDto(
    long id,
    String task,
    String profile,
    String learningKey,
    String executionMode,
    String status,
    String reviewStatus,
    Double sessionReward,
    Instant createdAt,
    Instant completedAt) {}
