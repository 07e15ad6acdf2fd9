package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.AuthenticationState;

/**
 * Issue 23 review (authfix): adding or removing a second factor asks for a recent proof of who is at the keyboard —
 * a session left open (or restored from a remember-me cookie) is not enough. A browser session is marked when it
 * signs in (password, second step, passkey, single sign-on; not a remember-me cookie) and whenever the password or a
 * code proves the owner again; a bearer token counts as such a sign-in when it was issued (by the password, and the
 * second factor if any) within {@link #FRESH} too. Past that the request must carry the account's password (checked
 * under the per-address limits and the login's lockout).
 */
@ApplicationScoped
public class RecentProof {

    static final String ATTRIBUTE = "org.jointchat.recentProof";

    /** How long a sign-in or a proof counts as recent. */
    public static final Duration FRESH = Duration.ofMinutes(10);

    @Inject
    SecondStep secondStep;

    @Inject
    AddressLimits limits;

    @Inject
    TokenService tokens;

    /** Marks the request's browser session (not a bearer token's) as proven now. */
    public void mark(HttpServletRequest request) {
        if (AuthenticationState.bearerToken(request) == null) {
            mark(request.getSession(false));
        }
    }

    static void mark(HttpSession session) {
        if (session != null) {
            session.setAttribute(ATTRIBUTE, System.currentTimeMillis());
        }
    }

    /** Whether the request's browser session signed in or proved its owner (or its bearer token was issued) within {@link #FRESH}. */
    public boolean isFresh(HttpServletRequest request) {
        String bearer = AuthenticationState.bearerToken(request);
        if (bearer != null) {
            return tokens.issuedAt(bearer).map(at -> at.toInstant().plus(FRESH).isAfter(java.time.Instant.now())).orElse(false);
        }
        var session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof Long at
                && System.currentTimeMillis() - at <= FRESH.toMillis();
    }

    /**
     * Passes when the session is fresh or {@code password} is the account's (which refreshes the mark); otherwise
     * {@code 403 reauthentication-required}. A wrong password counts as a failed sign-in attempt.
     */
    public void require(HttpServletRequest request, long userId, String password) {
        if (isFresh(request)) {
            return;
        }
        if (password != null && !password.isEmpty()) {
            limits.signIn(request);
            if (secondStep.passwordIsRight(userId, password)) {
                mark(request);
                return;
            }
        }
        throw new ProblemException(ProblemType.REAUTHENTICATION_REQUIRED, "problem.reauthentication-required.detail");
    }

    /** The {@code "password"} of an optional JSON body ({@code null} when there is none); a malformed body is a 400. */
    public static String passwordOf(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readObject().getString("password", null);
        } catch (RuntimeException malformed) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
    }
}
