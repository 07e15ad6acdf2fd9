/**
 * People and signing in: registration and its rules, password hashing, lockout, API tokens, "keep me signed in",
 * roles, and the HTTP authentication mechanism ({@link org.jointchat.account.SessionOrTokenAuthentication}).
 * Fires {@code CredentialsChanged}, {@code ProfileChanged}, {@code TokenRevoked} after commit.
 */
package org.jointchat.account;
