package org.jointchat.account;

import jakarta.enterprise.context.RequestScoped;

/**
 * Carries the detailed result of a browser login from the identity store (which can only say valid
 * or invalid) to the login page, which must tell a lockout from a wrong password.
 */
@RequestScoped
public class LoginOutcome {

    private AuthenticationResult result;

    void set(AuthenticationResult result) {
        this.result = result;
    }

    public AuthenticationResult get() {
        return result;
    }
}
