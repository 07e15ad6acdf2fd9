package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import org.jointchat.platform.AuthenticationState;

/**
 * A second factor was added (or an administrator reset them): a sign-in made before with the password alone must not
 * outlive it (issue 23 review, authfix). As a password change does, the account's credentials version goes up — every
 * remembered sign-in (remember-me cookie) and every other session ends, its sockets close — while the session
 * making this request, if it is the account's own, stays signed in. API tokens are left alone (they are refused to
 * an account with a factor unless the otp came too, and are revoked one by one).
 */
@ApplicationScoped
public class OtherSignIns {

    @PersistenceContext(unitName = "jointchat")
    EntityManager em;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    @Inject
    HttpServletRequest request;

    @Inject
    EnrolmentHold hold;

    @Transactional
    public void end(long userId) {
        var user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            return;
        }
        user.endCredentials();
        em.flush();
        credentialsChanged.fire(new CredentialsChanged(UserRef.of(user), user.getCredentialsVersion(), false));
        keepCurrentSession(user.getLogin(), user.getCredentialsVersion());
        hold.forget(user.getLogin()); // its tokens' enrolment hold is looked up afresh
    }

    private void keepCurrentSession(String login, int version) {
        try {
            if (AuthenticationState.bearerToken(request) != null) {
                return;
            }
            var session = request.getSession(false);
            if (session != null && login.equals(session.getAttribute(AuthenticationState.SESSION_LOGIN))) {
                session.setAttribute(AuthenticationState.SESSION_CREDENTIALS, version); // this session stays signed in
            }
        } catch (RuntimeException noRequest) { // called outside a request (none today): nothing to keep
        }
    }
}
