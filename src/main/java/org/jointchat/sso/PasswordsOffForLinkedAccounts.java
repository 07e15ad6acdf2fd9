package org.jointchat.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jointchat.account.PasswordSignInGate;
import org.jointchat.account.User;

/**
 * jointchat.oidc.local-passwords=false: an account linked to the identity provider signs in through it only, on
 * the login page and for API tokens alike. Accounts without a link (a local administrator, for one) keep their
 * passwords, and so do administrators even when linked (by hand, or before this rule): the local administrator's
 * password is the way back in while the provider is down (docs/operations.md).
 */
@ApplicationScoped
public class PasswordsOffForLinkedAccounts implements PasswordSignInGate {

    @Inject
    OidcSettings settings;

    @Inject
    LinkedAccounts linked;

    @Override
    public boolean allowsPassword(User user) {
        return settings.localPasswords() || user.isAdmin() || !linked.isLinked(user.getId());
    }
}
