package org.jointchat.passkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jointchat.platform.Jdbc;

/** The passkeys table (V23). */
@ApplicationScoped
public class PasskeyStore {

    private static final String COLUMNS = "id, user_id, credential_id, public_key, aaguid, sign_count, uv_initialized,"
            + " backup_eligible, backed_up, transports, name, created_at, last_used_at";

    @Inject
    Jdbc jdbc;

    public void add(long userId, byte[] credentialId, byte[] publicKey, UUID aaguid, long signCount, boolean uv,
            boolean backupEligible, boolean backedUp, String transports, String name) {
        jdbc.update("INSERT INTO passkeys (user_id, credential_id, public_key, aaguid, sign_count, uv_initialized,"
                + " backup_eligible, backed_up, transports, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                userId, credentialId, publicKey, aaguid, signCount, uv, backupEligible, backedUp, transports, name);
    }

    public List<Passkey> of(long userId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM passkeys WHERE user_id = ? ORDER BY created_at, id", PasskeyStore::map, userId);
    }

    public Optional<Passkey> byCredentialId(byte[] credentialId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM passkeys WHERE credential_id = ?", PasskeyStore::map, credentialId);
    }

    public boolean exists(byte[] credentialId) {
        return jdbc.count("SELECT count(*) FROM passkeys WHERE credential_id = ?", (Object) credentialId) > 0;
    }

    public boolean any(long userId) {
        return jdbc.count("SELECT count(*) FROM passkeys WHERE user_id = ?", userId) > 0;
    }

    public boolean rename(long userId, long id, String name) {
        return jdbc.update("UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?", name, id, userId) == 1;
    }

    public boolean remove(long userId, long id) {
        return jdbc.update("DELETE FROM passkeys WHERE id = ? AND user_id = ?", id, userId) == 1;
    }

    public int removeAll(long userId) {
        return jdbc.update("DELETE FROM passkeys WHERE user_id = ?", userId);
    }

    /**
     * Records a successful use; only when the stored counter is still the one verified against (a concurrent use of
     * a cloned authenticator loses): false when it changed meanwhile.
     */
    public boolean used(long id, long verifiedAgainst, long newCount, boolean backedUp) {
        return jdbc.update("UPDATE passkeys SET sign_count = ?, backed_up = ?, last_used_at = now() WHERE id = ? AND sign_count = ?",
                newCount, backedUp, id, verifiedAgainst) == 1;
    }

    private static Passkey map(ResultSet row) throws SQLException {
        return new Passkey(row.getLong(1), row.getLong(2), row.getBytes(3), row.getBytes(4), row.getObject(5, UUID.class),
                row.getLong(6), row.getBoolean(7), row.getBoolean(8), row.getBoolean(9), row.getString(10), row.getString(11),
                row.getObject(12, OffsetDateTime.class), row.getObject(13, OffsetDateTime.class));
    }
}
