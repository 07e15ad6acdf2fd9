package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.jointchat.platform.ServerBusyException;

/** Jakarta Security identity store over the users table. Every account has the single role {@value #USER_ROLE}. */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    public static final String USER_ROLE = "user";
    public static final Set<String> GROUPS = Set.of(USER_ROLE);

    @Inject
    AccountService accounts;

    @Inject
    LoginOutcome outcome;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        AuthenticationResult result;
        try {
            result = accounts.authenticate(credential.getCaller(), credential.getPasswordAsString());
        } catch (ServerBusyException busy) {
            outcome.busy(busy); // the login page says so; nothing was counted against the login
            return CredentialValidationResult.INVALID_RESULT;
        }
        outcome.set(result);
        if (result instanceof AuthenticationResult.Success success) {
            return new CredentialValidationResult(success.user().getLogin(), GROUPS);
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
