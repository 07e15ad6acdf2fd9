package org.jointchat.passkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jointchat.account.SecondFactorMethod;

/** Passkeys as a second factor: an account with any passkey needs one (or another factor) after its password. */
@ApplicationScoped
public class PasskeySecondFactor implements SecondFactorMethod {

    @Inject
    PasskeyStore store;

    @Override
    public String name() {
        return "passkey";
    }

    @Override
    public boolean enabledFor(long userId) {
        return store.any(userId);
    }

    @Override
    public void reset(long userId) {
        store.removeAll(userId);
    }
}
