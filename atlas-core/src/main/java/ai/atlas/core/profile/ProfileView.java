package ai.atlas.core.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A profile as the API shows it: the validated document (secrets only as {@code secret:NAME}
 * references), and its notices: keys that are accepted so that an atlas-sdk file loads unchanged
 * but ask for something this server does not do, each named with the reason (see {@link StorageBlock}).
 */
public record ProfileView(String name, Map<String, Object> document, String source, String updatedBy, Instant updatedAt, long version,
    List<String> notices) {}
