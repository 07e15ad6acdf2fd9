/**
 * Missed-message e-mail (issue 23, item 1): direct messages and mentions still unread some minutes after they were
 * sent ({@code jointchat.missed-mail.delay}, 10 minutes) are e-mailed to the user's verified address, as one digest
 * or one mail each ({@link org.jointchat.missed.EmailNotificationMode}), never while do-not-disturb is on.
 * {@link org.jointchat.missed.MissedMailSweep} runs on every instance; {@link org.jointchat.missed.MissedMailDelivery}
 * claims one user at a time ({@link org.jointchat.missed.MissedMessageClaims}: {@code FOR UPDATE SKIP LOCKED}) and
 * moves the user's mark in the transaction after which {@code mail.Mailer} sends, so each message is mailed once,
 * in a cluster and across restarts. {@link org.jointchat.missed.MissedMail} writes the mails (en, ru, uk; text and
 * HTML; RFC 8058 one-click unsubscribe through {@link org.jointchat.missed.UnsubscribeTokens}).
 * {@link org.jointchat.missed.EmailNotifications} is the setting ({@code /users/me/email-notifications}, the profile
 * page). Reads {@code users}, {@code memberships}, {@code messages}, {@code mentions} and {@code thread_follows};
 * writes only its own tables (V20).
 */
package org.jointchat.missed;
