package org.jointchat.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import org.jointchat.account.SecondFactors;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.audit.AuditLog;
import org.jointchat.platform.Jdbc;

/**
 * Second factors as administrators see them (issue 23, item 5): which a user has, and a reset of all of them for
 * a user who lost theirs (recorded in the audit log in the same transaction). After a reset the password alone
 * signs the user in again, or — when the two-factor policy covers them — signs them in to set one up first.
 */
@ApplicationScoped
public class SecondFactorAdministration {

    @Inject
    Jdbc jdbc;

    @Inject
    SecondFactors factors;

    @Inject
    AuditLog audit;

    @Inject
    org.jointchat.account.OtherSignIns otherSignIns;

    /** The names of the user's second factors ("passkey", "totp"); 404 problem when there is no such user. */
    public List<String> factorsOf(String login) {
        return factors.enabledFor(idOf(login));
    }

    /** Removes every second factor of the user; returns those they had. */
    @Transactional
    public List<String> reset(String actor, String login) {
        String key = key(login);
        long id = idOf(key);
        var had = factors.resetAll(id);
        otherSignIns.end(id); // sessions and remembered sign-ins of the lost factor's time end (issue 23 review, authfix)
        audit.record(actor, "user.second-factors.reset", key, had.isEmpty() ? "none" : String.join(", ", had));
        return had;
    }

    private long idOf(String login) {
        String key = key(login);
        return jdbc.one("SELECT id FROM users WHERE login = ?", row -> row.getLong(1), key)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "admin.user.notFound", key));
    }

    private static String key(String login) {
        return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    }
}
