/**
 * Single sign-on with OpenID Connect (issue 23, item 2): the authorization-code flow with PKCE, state and nonce
 * ({@link org.jointchat.sso.SingleSignOn}), the provider's discovery document, keys and token endpoint
 * ({@link org.jointchat.sso.OidcProvider}), ID token validation ({@link org.jointchat.sso.IdTokenVerifier}), and
 * the link between a provider's identity and a JointChat account ({@link org.jointchat.sso.LinkedAccounts}).
 * Signing in itself goes through {@link org.jointchat.account.VerifiedSignIn} and the application's one
 * authentication mechanism: docs/architecture.md says why not {@code @OpenIdAuthenticationMechanismDefinition}.
 * Off while {@code jointchat.oidc.issuer} is unset.
 */
package org.jointchat.sso;
