/**
 * Sending e-mail (issue 23): {@link org.jointchat.mail.Mailer} sends an {@link org.jointchat.mail.OutgoingMail}
 * (plain text + HTML, localized, with the headers automatic mail needs) through Jakarta Mail, after the commit and
 * off the request thread, with a bounded retry; {@link org.jointchat.mail.MailSettings} holds the SMTP settings
 * ({@code jointchat.smtp.*}: e-mail is off when no host is set) and {@link org.jointchat.mail.MailTemplate} builds
 * small, escaped bodies. Imports only the floor ({@code platform}): the features that send mail depend on this
 * package, never the other way.
 */
package org.jointchat.mail;
