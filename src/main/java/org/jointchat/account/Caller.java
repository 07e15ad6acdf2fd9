package org.jointchat.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** The signed-in user of an API request, looked up once per request. */
@RequestScoped
public class Caller {

    @Inject
    SecurityContext security;

    @Inject
    AccountService accounts;

    private UserRef user;

    public UserRef get() {
        if (user == null) {
            var principal = security.getCallerPrincipal();
            user = principal == null ? null : accounts.ref(principal.getName()).orElse(null);
            if (user == null) {
                throw new ProblemException(ProblemType.UNAUTHENTICATED);
            }
        }
        return user;
    }
}
