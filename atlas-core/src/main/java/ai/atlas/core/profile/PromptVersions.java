package ai.atlas.core.profile;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Versions of a profile's prompt templates: a version is adopted (from a GEPA candidate or given
 * directly) and becomes the active one, applied over the profile's own templates wherever the
 * profile runs; activating an older version rolls back, and version 0 is the profile's own
 * templates. Every change is audited.
 */
@ApplicationScoped
@Transactional
public class PromptVersions {

  /** One version. */
  public record Version(int version, Map<String, String> prompts, String source, String createdBy, Instant createdAt, boolean active,
      Double score) {}

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  @Inject AuditLog audit;

  private Clock clock = Clock.systemUTC();

  protected PromptVersions() {}

  public PromptVersions(EntityManager em, AuditLog audit, Clock clock) {
    this.em = em;
    this.audit = audit;
    this.clock = clock;
  }

  public List<Version> list(String profile) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT version, prompts, source, created_by, created_at, active, score FROM prompt_versions"
        + " WHERE profile = ? ORDER BY version").setParameter(1, profile).getResultList();
    return rows.stream().map(PromptVersions::version).toList();
  }

  /** The active version's templates, if a version is active. */
  public Optional<Map<String, String>> active(String profile) {
    return list(profile).stream().filter(Version::active).findFirst().map(Version::prompts);
  }

  /** The profile as it runs: its own templates with the active version's over them. */
  public RuntimeProfile apply(RuntimeProfile profile) {
    return active(profile.name()).map(profile::withPrompts).orElse(profile);
  }

  /** Stores the templates as the next version and makes it the active one. */
  public Version adopt(String profile, Map<String, String> prompts, String source, Actor actor) {
    return adopt(profile, prompts, source, null, actor);
  }

  /** As {@link #adopt(String, Map, String, Actor)}, with the score the templates earned (a GEPA candidate's). */
  public Version adopt(String profile, Map<String, String> prompts, String source, Double score, Actor actor) {
    if (prompts.isEmpty()) {
      throw new InvalidInputException("'prompts' must hold at least one template");
    }
    try {
      PromptTemplates.withOverrides(prompts);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
    int next = list(profile).stream().mapToInt(Version::version).max().orElse(0) + 1;
    JsonObjectBuilder json = jakarta.json.Json.createObjectBuilder();
    new TreeMap<>(prompts).forEach(json::add);
    em.createNativeQuery("UPDATE prompt_versions SET active = FALSE WHERE profile = ?").setParameter(1, profile).executeUpdate();
    em.createNativeQuery("INSERT INTO prompt_versions (profile, version, prompts, source, created_by, created_at, active, score)"
            + " VALUES (?, ?, ?, ?, ?, ?, TRUE, CAST(? AS DOUBLE PRECISION))")
        .setParameter(1, profile).setParameter(2, next).setParameter(3, json.build().toString())
        .setParameter(4, source.length() > 500 ? source.substring(0, 500) : source).setParameter(5, actor.name())
        .setParameter(6, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).setParameter(7, score).executeUpdate();
    audit.record(actor, AuditAction.PROMPT_CHANGE, "profile:" + profile, "adopted prompt version " + next + " (" + source + ")");
    return list(profile).stream().filter(v -> v.version() == next).findFirst().orElseThrow();
  }

  /** Makes {@code version} the active one (0: none, the profile's own templates). */
  public void activate(String profile, int version, Actor actor) {
    if (version != 0 && list(profile).stream().noneMatch(v -> v.version() == version)) {
      throw new NotFoundException("profile '" + profile + "' has no prompt version " + version);
    }
    em.createNativeQuery("UPDATE prompt_versions SET active = FALSE WHERE profile = ?").setParameter(1, profile).executeUpdate();
    if (version != 0) {
      em.createNativeQuery("UPDATE prompt_versions SET active = TRUE WHERE profile = ? AND version = ?").setParameter(1, profile)
          .setParameter(2, version).executeUpdate();
    }
    audit.record(actor, AuditAction.PROMPT_CHANGE, "profile:" + profile, "activated prompt version " + version);
  }

  private static Version version(Object[] r) {
    JsonObject prompts = Json.parse((String) r[1]).asJsonObject();
    Map<String, String> map = new TreeMap<>();
    prompts.forEach((k, v) -> map.put(k, ((JsonString) v).getString()));
    Instant created = r[4] instanceof OffsetDateTime odt ? odt.toInstant()
        : r[4] instanceof java.sql.Timestamp ts ? ts.toInstant() : Instant.parse(r[4].toString());
    return new Version(((Number) r[0]).intValue(), map, (String) r[2], (String) r[3], created, Boolean.TRUE.equals(r[5])
        || (r[5] instanceof Number n && n.intValue() != 0), r[6] == null ? null : ((Number) r[6]).doubleValue());
  }
}
