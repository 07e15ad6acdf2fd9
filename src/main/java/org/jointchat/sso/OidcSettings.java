package org.jointchat.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The single sign-on settings (MicroProfile Config; environment JOINTCHAT_OIDC_*). Off while the issuer is unset.
 * The client secret is best a Payara password alias named {@code jointchat.oidc.client-secret} (Payara's password
 * config source serves it under that name); docs/operations.md shows how.
 */
@ApplicationScoped
public class OidcSettings {

    /** The provider's issuer URL, e.g. https://sso.example.com/realms/acme (discovery: + /.well-known/openid-configuration). */
    @Inject
    @ConfigProperty(name = "jointchat.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "jointchat.oidc.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "jointchat.oidc.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "jointchat.oidc.scopes", defaultValue = "openid profile email")
    String scopes;

    /** The ID token claim that becomes the login of a new account. */
    @Inject
    @ConfigProperty(name = "jointchat.oidc.login-claim", defaultValue = "preferred_username")
    String loginClaim;

    /** The provider's name on the login page's button: "Sign in with …". */
    @Inject
    @ConfigProperty(name = "jointchat.oidc.display-name", defaultValue = "single sign-on")
    String displayName;

    /** false: accounts linked to the provider cannot sign in with a password (page and API tokens). */
    @Inject
    @ConfigProperty(name = "jointchat.oidc.local-passwords", defaultValue = "true")
    boolean localPasswords;

    /** The callback URL registered at the provider, when the request's own URL is not it (behind a proxy). */
    @Inject
    @ConfigProperty(name = "jointchat.oidc.redirect-uri")
    Optional<String> redirectUri;

    /** Whether single sign-on is configured (an issuer and a client id). */
    public boolean enabled() {
        return issuer().isPresent() && clientId.filter(id -> !id.isBlank()).isPresent();
    }

    /** The issuer exactly as the provider spells it (a trailing slash counts: ID tokens must name it exactly), when set. */
    public Optional<String> issuer() {
        return issuer.map(String::strip).filter(s -> !s.isEmpty());
    }

    public String clientId() {
        return clientId.orElse("").strip();
    }

    public String clientSecret() {
        return clientSecret.orElse("");
    }

    public String scopes() {
        String s = scopes == null || scopes.isBlank() ? "openid profile email" : scopes.strip();
        return (" " + s + " ").contains(" openid ") ? s : "openid " + s;
    }

    public String loginClaim() {
        return loginClaim == null || loginClaim.isBlank() ? "preferred_username" : loginClaim.strip();
    }

    /** The provider's name (jointchat.oidc.display-name) for the button and messages. */
    public String displayName() {
        return displayName == null || displayName.isBlank() ? "single sign-on" : displayName.strip();
    }

    /** Whether accounts linked to the provider may still sign in with a password; always true while SSO is off. */
    public boolean localPasswords() {
        return localPasswords || !enabled();
    }

    public Optional<String> redirectUri() {
        return redirectUri.map(String::strip).filter(s -> !s.isEmpty());
    }
}
