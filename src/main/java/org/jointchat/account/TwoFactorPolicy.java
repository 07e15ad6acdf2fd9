package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.Optional;
import org.jointchat.audit.AuditLog;
import org.jointchat.platform.Jdbc;

/**
 * Who must sign in with a second factor (issue 23, item 3): nobody (the default), administrators, or everyone — one
 * row of {@code server_settings} ("two-factor"), changed by an administrator. A covered user who has no factor yet
 * is signed in by the password but held on their profile page until they set one up (the session is marked with
 * {@link #ENROLMENT_REQUIRED}), and is refused API tokens until then.
 */
@ApplicationScoped
public class TwoFactorPolicy {

    /** Session attribute: signed in by a password while the policy asks for a second factor the account lacks. */
    public static final String ENROLMENT_REQUIRED = "org.jointchat.twoFactorEnrolmentRequired";

    public enum Mode {
        NOBODY, ADMINISTRATORS, EVERYONE;

        /** As the API and the database spell it: nobody, administrators, everyone. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Mode> ofWire(String text) {
            for (Mode mode : values()) {
                if (mode.wire().equals(text)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    @Inject
    SecondFactors factors;

    @Inject
    EnrolmentHold hold;

    public Mode mode() {
        return jdbc.one("SELECT value FROM server_settings WHERE name = 'two-factor'", row -> row.getString(1))
                .flatMap(Mode::ofWire).orElse(Mode.NOBODY);
    }

    /** Changes the policy; recorded in the audit log with the administrator who did it. */
    @Transactional
    public void changeMode(String actor, Mode mode) {
        Mode before = mode();
        jdbc.update("""
                INSERT INTO server_settings (name, value, changed_at) VALUES ('two-factor', ?, now())
                ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, changed_at = now()""", mode.wire());
        audit.record(actor, "two-factor.policy", null, before.wire() + " → " + mode.wire());
        hold.forget(null); // bearer tokens' holds are looked up afresh (issue 23 review, authfix)
    }

    public boolean covers(User user) {
        return switch (mode()) {
            case NOBODY -> false;
            case ADMINISTRATORS -> user.isAdmin();
            case EVERYONE -> true;
        };
    }

    /** The policy asks this account for a second factor and it has none. */
    public boolean enrolmentRequired(User user) {
        return covers(user) && !factors.any(user.getId());
    }

    /**
     * Refuses ({@code 409 last-second-factor}) taking away the only second factor of an account the policy covers;
     * call it when the factor about to go is the account's last one of its kind (issue 23 review, authfix).
     */
    public void refuseRemovingLastFactor(User user) {
        if (covers(user) && factors.enabledFor(user.getId()).size() <= 1) {
            throw new org.jointchat.api.ProblemException(org.jointchat.api.ProblemType.LAST_SECOND_FACTOR, "twofactor.lastFactor");
        }
    }

    /** Marks (or unmarks) a session just signed in by the password of this account. */
    void markSession(HttpSession session, User user) {
        if (enrolmentRequired(user)) {
            session.setAttribute(ENROLMENT_REQUIRED, Boolean.TRUE);
        } else {
            session.removeAttribute(ENROLMENT_REQUIRED);
        }
    }
}
