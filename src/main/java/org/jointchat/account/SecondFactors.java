package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;

/** The second factors an account has, over every {@link SecondFactorMethod} the application has. */
@ApplicationScoped
public class SecondFactors {

    @Inject
    Instance<SecondFactorMethod> methods;

    /** The names of the factors the account has set up, e.g. ["totp", "passkey"]; empty: a password alone signs in. */
    public List<String> enabledFor(long userId) {
        return methods.stream().filter(m -> m.enabledFor(userId)).map(SecondFactorMethod::name).sorted().toList();
    }

    public boolean any(long userId) {
        return methods.stream().anyMatch(m -> m.enabledFor(userId));
    }

    /** Removes every second factor of the account; returns the names of those it had. */
    public List<String> resetAll(long userId) {
        var had = enabledFor(userId);
        methods.forEach(m -> m.reset(userId));
        return had;
    }
}
