/**
 * Passkeys (issue 23, item 4): WebAuthn credentials registered on the profile, used for a password-less sign-in
 * (discoverable credentials, no user name) and as a second factor after the password. {@link
 * org.jointchat.passkey.PasskeyService} holds the rules and verifies with webauthn4j, {@link
 * org.jointchat.passkey.PasskeyStore} the table, {@link org.jointchat.passkey.RelyingParty} the rpId and origins,
 * {@link org.jointchat.passkey.PasskeyChallenges} the single-use challenges, {@link
 * org.jointchat.passkey.PasskeyResource} the REST edge ({@code /api/v1/passkeys}).
 */
package org.jointchat.passkey;
