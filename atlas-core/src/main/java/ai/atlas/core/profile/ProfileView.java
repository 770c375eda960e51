package ai.atlas.core.profile;

import java.time.Instant;
import java.util.Map;

/** A profile as the API shows it: the validated document (secrets only as {@code secret:NAME} references). */
public record ProfileView(String name, Map<String, Object> document, String source, String updatedBy, Instant updatedAt, long version) {}
