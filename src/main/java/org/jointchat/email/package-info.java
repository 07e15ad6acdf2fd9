/**
 * The account's e-mail address and what it is for (issue 23, mail): an address is verified by a link before it is
 * used ({@link org.jointchat.email.EmailAddresses}), and a forgotten password is reset through a link sent to the
 * verified address ({@link org.jointchat.email.PasswordResets}). Links carry a random secret stored only hashed,
 * expire, and work once. Sends through {@code mail}; the password rules and the ending of sessions stay in
 * {@code account}.
 */
package org.jointchat.email;
