package ai.atlas.core.profile;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.common.Sha256;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.profile.AgentProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Agent profiles: parsed from YAML (or JSON, which is YAML too) with SnakeYAML's safe loader,
 * validated against {@link ProfileSchema} with every problem reported by its key, scrubbed of any
 * live secret, stored, and audited. The profiles folder is imported at start-up: a file that
 * changed since it was last imported replaces the stored profile; an unchanged one never
 * overwrites a change made through the API.
 */
@ApplicationScoped
@Transactional
public class ProfileService {

  private static final Logger LOG = Logger.getLogger(ProfileService.class.getName());
  private static final int MAX_DOCUMENT_CHARS = 200_000;

  @PersistenceContext(unitName = "atlas")
  private EntityManager em;

  private AuditLog audit;
  private Supplier<ImportPolicy> policy;
  private Clock clock;
  private ServerDatabaseSource database;

  protected ProfileService() {}

  @Inject
  public ProfileService(AuditLog audit, Instance<ImportPolicySource> policies, Instance<ServerDatabaseSource> databases) {
    this.audit = audit;
    this.database = databases.isResolvable() ? databases.get() : ServerDatabaseSource.UNKNOWN;
    // Resolved once: the source is application-scoped, so no dependent instance is created per call.
    ImportPolicySource source = policies.isResolvable() ? policies.get() : ImportPolicySource.DEFAULTS;
    this.policy = source::current;
    this.clock = Clock.systemUTC();
  }

  /**
   * For use outside the container, with an entity manager whose transactions the caller runs and
   * the database storage blocks are compared with.
   */
  public ProfileService(EntityManager em, AuditLog audit, ImportPolicy policy, Clock clock, ServerDatabaseSource database) {
    this.em = em;
    this.database = database;
    this.audit = audit;
    this.policy = () -> policy;
    this.clock = clock;
  }

  public List<ProfileView> list() {
    return em.createQuery("SELECT p FROM AgentProfile p ORDER BY p.name", AgentProfile.class)
        .getResultList().stream().map(this::view).toList();
  }

  public ProfileView get(String name) {
    return view(find(name).orElseThrow(() -> new NotFoundException("no profile named '" + name + "'")));
  }

  /** Creates or replaces a profile from YAML or JSON text. */
  public ProfileView put(String name, String text, Actor actor) {
    if (!ProfileSchema.validName(name)) {
      throw new InvalidInputException("a profile's name must be letters, digits, '_', '.' or '-' (at most 100), not '" + name + "'");
    }
    Map<String, Object> document = parseAndValidate(name, text);
    AgentProfile profile = find(name).orElseGet(() -> new AgentProfile(name));
    boolean created = profile.getDocument() == null;
    // Keep the hash of the file last imported: that file, unchanged, must not undo this change.
    profile.replace(dump(document), AgentProfile.FROM_API, profile.getSourceHash().orElse(null), actor.name(), clock.instant());
    if (created) {
      em.persist(profile);
    }
    em.flush();
    audit.record(actor, AuditAction.PROFILE_CHANGE, "profile:" + name, created ? "created" : "updated");
    return view(profile);
  }

  public void delete(String name, Actor actor) {
    AgentProfile profile = find(name).orElseThrow(() -> new NotFoundException("no profile named '" + name + "'"));
    em.remove(profile);
    audit.record(actor, AuditAction.PROFILE_CHANGE, "profile:" + name, "deleted");
  }

  /**
   * Imports every {@code *.yaml} / {@code *.yml} file of the folder; the file name (without the
   * extension) is the profile's name. A file that fails is reported and skipped.
   */
  public List<ProfileImport> importFolder(Path folder) {
    List<ProfileImport> results = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return results;
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      results.add(new ProfileImport(folder.toString(), null, "failed", "cannot list the folder: " + e.getMessage()));
      return results;
    }
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      String name = fileName.replaceFirst("\\.ya?ml$", "");
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String hash = Sha256.hex(text);
        Optional<AgentProfile> existing = find(name);
        if (existing.isPresent() && existing.get().getSourceHash().filter(hash::equals).isPresent()) {
          results.add(new ProfileImport(fileName, name, "unchanged", null));
          continue;
        }
        if (!ProfileSchema.validName(name)) {
          throw new InvalidInputException("the file name does not make a valid profile name");
        }
        Map<String, Object> document = parseAndValidate(name, text);
        AgentProfile profile = existing.orElseGet(() -> new AgentProfile(name));
        profile.replace(dump(document), AgentProfile.FROM_FILE, hash, Actor.SYSTEM.name(), clock.instant());
        if (existing.isEmpty()) {
          em.persist(profile);
        }
        audit.record(Actor.SYSTEM, AuditAction.PROFILE_CHANGE, "profile:" + name, "imported from " + fileName);
        StorageBlock.of(document).notices(database.current()).forEach(n -> LOG.warning(() -> "profile " + name + ": " + n));
        results.add(new ProfileImport(fileName, name, existing.isEmpty() ? "created" : "updated", null));
      } catch (InvalidInputException | IOException e) {
        results.add(new ProfileImport(fileName, name, "failed", e.getMessage()));
      }
    }
    return results;
  }

  private Map<String, Object> parseAndValidate(String name, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("the profile is empty; send its YAML or JSON document");
    }
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new InvalidInputException("the profile is longer than " + MAX_DOCUMENT_CHARS + " characters");
    }
    // Live secrets pasted into a profile never reach the database, a log or an answer.
    String scrubbed = policy.get().secretScrubber().redact(text);
    Object parsed;
    try {
      parsed = yaml().load(scrubbed);
    } catch (YAMLException e) {
      throw new InvalidInputException("the profile is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    List<String> errors = ProfileSchema.validate(parsed);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("the profile is invalid: " + String.join("; ", errors));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> document = new LinkedHashMap<>((Map<String, Object>) parsed);
    Object declared = document.get("name");
    if (declared != null && !declared.equals(name)) {
      throw new InvalidInputException("name is '" + declared + "' but the profile is stored as '" + name + "'");
    }
    document.put("name", name);
    return document;
  }

  private ProfileView view(AgentProfile profile) {
    @SuppressWarnings("unchecked")
    Map<String, Object> document = (Map<String, Object>) yaml().load(policy.get().secretScrubber().redact(profile.getDocument()));
    return new ProfileView(profile.getName(), document, profile.getSource(), profile.getUpdatedBy(), profile.getUpdatedAt(), profile.getVersion(),
        StorageBlock.of(document).notices(database.current()));
  }

  private Optional<AgentProfile> find(String name) {
    return em.createQuery("SELECT p FROM AgentProfile p WHERE p.name = :name", AgentProfile.class)
        .setParameter("name", name).getResultStream().findFirst();
  }

  /** A safe loader: standard types only, few aliases (no billion laughs), bounded size. */
  private static Yaml yaml() {
    LoaderOptions loading = new LoaderOptions();
    loading.setMaxAliasesForCollections(20);
    loading.setAllowDuplicateKeys(false);
    loading.setCodePointLimit(MAX_DOCUMENT_CHARS * 2);
    DumperOptions dumping = new DumperOptions();
    dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    dumping.setIndent(2);
    return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading);
  }

  private static String dump(Map<String, Object> document) {
    return yaml().dump(document);
  }
}
