package org.jointchat.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A registered account. The login is stored lower-case; the password only as a PBKDF2 hash. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_LOGIN, query = "select u from User u where u.login = :login")
public class User {

    static final String BY_LOGIN = "User.byLogin";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false, length = 32)
    private String login;

    @Column(name = "display_name", nullable = false, length = 64)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "last_seen_at")
    private OffsetDateTime lastSeenAt;

    @Column(nullable = false, length = 500)
    private String about = "";

    @Column(name = "status_text", nullable = false, length = 100)
    private String statusText = "";

    /** Raised when the password changes; sessions from before end. */
    @Column(name = "credentials_version", nullable = false)
    private int credentialsVersion;

    /** A system administrator (granted on the machine or by another administrator). */
    @Column(name = "is_admin", nullable = false)
    private boolean admin;

    /** When an administrator deactivated the account; null while it is active. */
    @Column(name = "deactivated_at")
    private OffsetDateTime deactivatedAt;

    /** A temporary password set by an administrator: it must be changed at the next sign-in. */
    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    protected User() {
        // for JPA
    }

    User(String login, String displayName, String passwordHash) {
        this.login = login;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.createdAt = OffsetDateTime.now();
    }

    public Long getId() {
        return id;
    }

    public String getLogin() {
        return login;
    }

    public String getDisplayName() {
        return displayName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    /** When the user's last socket closed; null if never. */
    public OffsetDateTime getLastSeenAt() {
        return lastSeenAt;
    }

    public String getAbout() {
        return about;
    }

    public String getStatusText() {
        return statusText;
    }

    public int getCredentialsVersion() {
        return credentialsVersion;
    }

    void changeProfile(String displayName, String about, String statusText) {
        this.displayName = displayName;
        this.about = about;
        this.statusText = statusText;
    }

    /** A password the user chose: a temporary one no longer needs changing. */
    /** Ends every sign-in made before (sessions compare this version) without changing the password. */
    void endCredentials() {
        this.credentialsVersion++;
    }

    void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        this.credentialsVersion++;
        this.mustChangePassword = false;
    }

    public boolean isAdmin() {
        return admin;
    }

    public boolean isDeactivated() {
        return deactivatedAt != null;
    }

    public OffsetDateTime getDeactivatedAt() {
        return deactivatedAt;
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
