package org.jointchat.passkey;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * The challenges of the ceremonies under way, in the HTTP session: 32 random bytes, one per purpose, bound to it and
 * (for a registration or a second step) to the account, valid {@link #VALID} and used once — taking one removes it,
 * whether the answer then verifies or not.
 */
final class PasskeyChallenges {

    /** What a challenge was issued for; an answer for another purpose is refused. */
    enum Purpose { REGISTER, SIGN_IN, SECOND_STEP }

    /** How long a ceremony may take (also the browser's timeout). */
    static final Duration VALID = Duration.ofMinutes(2);

    /** One issued challenge. userId: the account it is for (0: any, a password-less sign-in). */
    record Issued(byte[] challenge, long userId, boolean rememberMe, long issuedAt) implements Serializable {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "org.jointchat.passkey.challenge.";

    private PasskeyChallenges() {
    }

    static byte[] issue(HttpSession session, Purpose purpose, long userId, boolean rememberMe) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        // Held in a reference so that taking it is one atomic step (two answers racing for one challenge: one wins).
        session.setAttribute(PREFIX + purpose,
                new java.util.concurrent.atomic.AtomicReference<>(new Issued(challenge, userId, rememberMe, System.currentTimeMillis())));
        return challenge;
    }

    /** The session's challenge for this purpose, removed (single use); empty when none or expired. */
    static Optional<Issued> take(HttpSession session, Purpose purpose) {
        if (session == null) {
            return Optional.empty();
        }
        Object holder = session.getAttribute(PREFIX + purpose);
        Object found = holder instanceof java.util.concurrent.atomic.AtomicReference<?> reference ? reference.getAndSet(null) : null;
        session.removeAttribute(PREFIX + purpose);
        if (found instanceof Issued issued && System.currentTimeMillis() - issued.issuedAt() <= VALID.toMillis()) {
            return Optional.of(issued);
        }
        return Optional.empty();
    }
}
