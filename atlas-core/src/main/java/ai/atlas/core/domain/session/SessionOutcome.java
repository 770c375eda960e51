package ai.atlas.core.domain.session;

import java.time.Instant;

/**
 * What learning views need of a session, without its trace: when it ran, in which lane, its
 * reward, and its drift score (null unless the reward drifted from the learning key's history).
 */
public record SessionOutcome(long id, Instant createdAt, String learningKey, String lane, Double reward, Double driftScore,
    ReviewStatus reviewStatus) {}
