package ai.atlas.core.domain.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A person who signs in with a user name and password. Only a salted hash of the password is kept. */
@Entity
@Table(name = "users")
public class UserAccount {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String username;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Role role;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  private long version;

  protected UserAccount() {}

  public UserAccount(String username, String passwordHash, Role role, Instant at) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.role = role;
    this.createdAt = at;
    this.updatedAt = at;
  }

  public Long getId() {
    return id;
  }

  public String getUsername() {
    return username;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public Role getRole() {
    return role;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void changePassword(String newHash, Instant at) {
    this.passwordHash = newHash;
    this.updatedAt = at;
  }

  public void changeRole(Role newRole, Instant at) {
    this.role = newRole;
    this.updatedAt = at;
  }

  public void setEnabled(boolean enabled, Instant at) {
    this.enabled = enabled;
    this.updatedAt = at;
  }
}
