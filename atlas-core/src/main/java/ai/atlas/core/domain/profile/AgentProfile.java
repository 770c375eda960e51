package ai.atlas.core.domain.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/** An agent profile as stored: its name and its validated YAML document, and where it came from. */
@Entity
@Table(name = "profiles")
public class AgentProfile {

  /** Imported from the profiles folder. */
  public static final String FROM_FILE = "file";
  /** Written through the API. */
  public static final String FROM_API = "api";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String name;

  @Column(nullable = false)
  private String document;

  @Column(nullable = false)
  private String source;

  @Column(name = "source_hash")
  private String sourceHash;

  @Column(name = "updated_by", nullable = false)
  private String updatedBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  private long version;

  protected AgentProfile() {}

  public AgentProfile(String name) {
    this.name = name;
  }

  /** Replaces the document; {@code sourceHash} is the hash of the profiles-folder file last imported, if any. */
  public void replace(String document, String source, String sourceHash, String by, Instant at) {
    this.document = document;
    this.source = source;
    this.sourceHash = sourceHash;
    this.updatedBy = by;
    this.updatedAt = at;
  }

  public String getName() {
    return name;
  }

  public String getDocument() {
    return document;
  }

  public String getSource() {
    return source;
  }

  public Optional<String> getSourceHash() {
    return Optional.ofNullable(sourceHash);
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getVersion() {
    return version;
  }
}
