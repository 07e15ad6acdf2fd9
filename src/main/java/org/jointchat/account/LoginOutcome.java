package org.jointchat.account;

import jakarta.enterprise.context.RequestScoped;
import org.jointchat.platform.ServerBusyException;

/**
 * Carries the detailed result of a browser login from the identity store (which can only say valid
 * or invalid) to the login page, which must tell a lockout from a wrong password.
 */
@RequestScoped
public class LoginOutcome {

    private AuthenticationResult result;
    private ServerBusyException busy;
    private boolean secondStepRequired;

    void set(AuthenticationResult result) {
        this.result = result;
    }

    public AuthenticationResult get() {
        return result;
    }

    void busy(ServerBusyException busy) {
        this.busy = busy;
    }

    /** Set when the password could not be checked now (the hashing pool was full); null otherwise. */
    public ServerBusyException busy() {
        return busy;
    }

    // Two-factor sign-in (issue 23, item 3, "totp"): the password was right, a PendingSignIn waits for the second step.
    void secondStepRequired() {
        this.secondStepRequired = true;
    }

    public boolean isSecondStepRequired() {
        return secondStepRequired;
    }
}
