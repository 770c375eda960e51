package ai.atlas.web.interfaces.sessions;

import ai.atlas.core.common.Json;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.web.interfaces.sessions.SessionDetailDto.EventDto;
import ai.atlas.web.interfaces.sessions.SessionDetailDto.ReviewDecisionDto;
import ai.atlas.web.interfaces.sessions.SessionDetailDto.StepDto;
import ai.atlas.web.interfaces.sessions.SessionDetailDto.TokenUsageDto;

/** Builds the session DTOs from the aggregate (inside the service's transaction). */
final class SessionAssembler {

  private SessionAssembler() {}

  static SessionSummaryDto summary(AgentSession s) {
    return new SessionSummaryDto(
        s.getId(),
        s.getTask(),
        s.getProfile().orElse(null),
        s.getLearningKey().orElse(null),
        s.getExecutionMode().orElse(null),
        s.getStatus().wireName(),
        s.getReviewStatus().wireName(),
        s.getSessionReward().orElse(null),
        s.getCreatedAt(),
        s.getCompletedAt().orElse(null));
  }

  static SessionDetailDto detail(AgentSession s) {
    return new SessionDetailDto(
        s.getId(),
        s.getTask(),
        s.getProfile().orElse(null),
        s.getLearningKey().orElse(null),
        s.getExecutionMode().orElse(null),
        s.getStatus().wireName(),
        s.getReviewStatus().wireName(),
        s.getReviewNotes().orElse(null),
        s.getFinalAnswer().orElse(null),
        Json.stored(s.getPlan()),
        s.getSessionReward().orElse(null),
        s.getCostUsd().orElse(null),
        s.getDriftScore().orElse(null),
        Json.stored(s.getRewardStats()),
        Json.stored(s.getMetadata()),
        new TokenUsageDto(s.getPromptTokens(), s.getCompletionTokens()),
        s.getCreatedAt(),
        s.getCompletedAt().orElse(null),
        s.getServerId().orElse(null),
        s.getSteps().stream()
            .map(step -> new StepDto(
                step.getStepIndex(),
                step.getDescription().orElse(null),
                step.getOutput().orElse(null),
                step.getStatus().orElse(null),
                step.getReward().orElse(null),
                Json.stored(step.getToolCalls()),
                step.getAttempts().stream()
                    .map(a -> new SessionDetailDto.AttemptDto(a.getNumber(), a.getGuidance().orElse(null),
                        a.getOutput().orElse(null), a.getValid().orElse(null), a.getFeedback().orElse(null)))
                    .toList()))
            .toList(),
        s.getEvents().stream()
            .map(e -> new EventDto(e.getSeq(), e.getType(), Json.stored(e.getPayload()), e.getCreatedAt()))
            .toList(),
        s.getReviewDecisions().stream()
            .map(d -> new ReviewDecisionDto(
                d.getFrom().wireName(), d.getTo().wireName(), d.getNote().orElse(null), d.getActor(),
                d.getDecidedAt()))
            .toList(),
        s.getFeedback().stream()
            .map(f -> new SessionDetailDto.FeedbackDto(f.getKind().wireName(), f.getRating().orElse(null),
                f.getComment().orElse(null), f.getEditedAnswer().orElse(null), f.getActor(), f.getGivenAt()))
            .toList());
  }
}
