package ai.atlas.core.profile;

/**
 * Where services get the import policy: the application's configuration provides one (an
 * application-scoped bean), read afresh for each import so live secrets stay current.
 */
@FunctionalInterface
public interface ImportPolicySource {

  ImportPolicy current();

  /** Without configuration: the default limits and no known secrets. */
  ImportPolicySource DEFAULTS = ImportPolicy::defaults;
}
