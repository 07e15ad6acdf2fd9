package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.ConcurrentHashMap;
import org.jointchat.platform.AuthenticationState;

/**
 * Whether a signed-in request is held by the two-factor policy (issue 23 review, authfix): a browser session marked
 * {@link TwoFactorPolicy#ENROLMENT_REQUIRED} while the policy still asks for a factor the account lacks, or any other
 * session or bearer token of such an account (signed in before the policy changed). For tokens the policy's mode is read at most
 * every {@link #MODE_CHECK_MS} (nobody covered: nothing more to ask) and each covered user's answer is kept for
 * {@link #TOKEN_CHECK_MS}, forgotten when a factor or the policy changes here. Read by the API filter and the
 * WebSocket handshake.
 */
@ApplicationScoped
public class EnrolmentHold {

    /** How long the answer for an account without a session mark (a token, an older session) is reused. */
    static final long TOKEN_CHECK_MS = 15_000;

    /** How long the policy's mode is reused for tokens. */
    static final long MODE_CHECK_MS = 2_000;

    private static final int MAX_CACHED = 10_000;

    private record Mode(TwoFactorPolicy.Mode mode, long at) {
    }

    private volatile Mode mode;

    private record Answer(boolean held, long at) {
    }

    private final ConcurrentHashMap<String, Answer> tokenAnswers = new ConcurrentHashMap<>();

    @Inject
    TwoFactorPolicy policy;

    @Inject
    AccountService accounts;

    /** Whether this signed-in request must wait for the account's enrolment; a stale session mark is removed. */
    public boolean holds(HttpServletRequest request) {
        var principal = request.getUserPrincipal();
        if (principal == null) {
            return false;
        }
        if (AuthenticationState.bearerToken(request) != null) {
            return heldAccount(principal.getName());
        }
        var session = request.getSession(false);
        if (session == null || session.getAttribute(TwoFactorPolicy.ENROLMENT_REQUIRED) == null) {
            // Signed in before the policy came to cover the account: held as a token would be (cached, cheap).
            return heldAccount(principal.getName());
        }
        if (accounts.findByLogin(principal.getName()).map(policy::enrolmentRequired).orElse(false)) {
            return true;
        }
        session.removeAttribute(TwoFactorPolicy.ENROLMENT_REQUIRED); // set up meanwhile, or the policy changed
        return false;
    }

    private boolean heldAccount(String login) {
        long now = System.currentTimeMillis();
        var known = mode;
        if (known == null || now - known.at() > MODE_CHECK_MS) {
            known = new Mode(policy.mode(), now);
            mode = known;
        }
        if (known.mode() == TwoFactorPolicy.Mode.NOBODY) {
            return false;
        }
        var answer = tokenAnswers.get(login);
        if (answer != null && now - answer.at() <= TOKEN_CHECK_MS) {
            return answer.held();
        }
        boolean held = accounts.findByLogin(login).map(policy::enrolmentRequired).orElse(false);
        if (tokenAnswers.size() >= MAX_CACHED) {
            tokenAnswers.clear();
        }
        tokenAnswers.put(login, new Answer(held, now));
        return held;
    }

    /** A factor was added or removed, or the policy changed: answer afresh. */
    public void forget(String login) {
        if (login == null) {
            mode = null;
            tokenAnswers.clear();
        } else {
            tokenAnswers.remove(login);
        }
    }
}
