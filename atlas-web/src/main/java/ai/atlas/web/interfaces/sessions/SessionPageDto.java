package ai.atlas.web.interfaces.sessions;

import java.util.List;

/** One page of sessions, newest first. */
public record SessionPageDto(List<SessionSummaryDto> items, int page, int size, long total) {}
