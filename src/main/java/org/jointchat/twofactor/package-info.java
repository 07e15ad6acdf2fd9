/**
 * Two-factor sign-in with time-based one-time passwords (RFC 6238) and recovery codes (issue 23, item 3): the
 * algorithm ({@link org.jointchat.twofactor.Totp}, {@link org.jointchat.twofactor.Base32}), enrolment with a QR code
 * drawn on the server, the check of a code with replay refused ({@link org.jointchat.twofactor.TotpService}, which is
 * the account's {@code SecondFactorMethod} "totp" and its {@code OneTimeCodes}), and the REST adapter.
 */
package org.jointchat.twofactor;
