package org.jointchat.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jointchat.mail.MailTemplate;
import org.jointchat.mail.Mailer;
import org.jointchat.mail.OutgoingMail;
import org.jointchat.platform.Messages;

/** The mails of this feature, in the recipient's language (texts from the bundles, {@code mail.*} keys). */
@ApplicationScoped
class AccountMails {

    @Inject
    Mailer mailer;

    /** The link that verifies an address ({@code base}: the server's public URL). */
    void verification(String to, Locale locale, String login, String displayName, String base, String secret, long hours) {
        String url = base + "/verify-email.xhtml?token=" + encode(secret);
        var body = MailTemplate.in(locale)
                .heading(Messages.get(locale, "mail.verify.heading"))
                .paragraph(Messages.get(locale, "mail.verify.body", displayName, login, hours))
                .action(Messages.get(locale, "mail.verify.action"), url)
                .paragraph(Messages.get(locale, "mail.verify.notYou"))
                .footer(Messages.get(locale, "mail.footer"))
                .build();
        mailer.send(new OutgoingMail(to, locale, Messages.get(locale, "mail.verify.subject"), body.text(), body.html()));
    }

    /** The notice to the address an account used until now: the address changed (or was removed). */
    void changed(String to, Locale locale, String login, String newAddress, String base) {
        var template = MailTemplate.in(locale)
                .heading(Messages.get(locale, "mail.changed.heading"))
                .paragraph(newAddress == null
                        ? Messages.get(locale, "mail.changed.removed", login)
                        : Messages.get(locale, "mail.changed.body", login, newAddress))
                .paragraph(Messages.get(locale, "mail.changed.notYou"));
        if (base != null) {
            template.link(Messages.get(locale, "mail.changed.signIn"), base + "/login.xhtml");
        }
        var body = template.footer(Messages.get(locale, "mail.footer")).build();
        mailer.send(new OutgoingMail(to, locale, Messages.get(locale, "mail.changed.subject"), body.text(), body.html()));
    }

    /** To an address another account uses, when someone else asked to add it (the asker is told nothing of it). */
    void inUse(String to, Locale locale, String base) {
        var template = MailTemplate.in(locale)
                .heading(Messages.get(locale, "mail.inUse.heading"))
                .paragraph(Messages.get(locale, "mail.inUse.body"))
                .paragraph(Messages.get(locale, "mail.inUse.notYou"));
        if (base != null) {
            template.link(Messages.get(locale, "mail.changed.signIn"), base + "/login.xhtml");
        }
        var body = template.footer(Messages.get(locale, "mail.footer")).build();
        mailer.send(new OutgoingMail(to, locale, Messages.get(locale, "mail.inUse.subject"), body.text(), body.html()));
    }

    /** The password reset link. */
    void reset(String to, Locale locale, String login, String base, String secret, long minutes) {
        String url = base + "/reset-password.xhtml?token=" + encode(secret);
        var body = MailTemplate.in(locale)
                .heading(Messages.get(locale, "mail.reset.heading"))
                .paragraph(Messages.get(locale, "mail.reset.body", login, minutes))
                .action(Messages.get(locale, "mail.reset.action"), url)
                .paragraph(Messages.get(locale, "mail.reset.notYou"))
                .footer(Messages.get(locale, "mail.footer"))
                .build();
        mailer.send(new OutgoingMail(to, locale, Messages.get(locale, "mail.reset.subject"), body.text(), body.html()));
    }

    private static String encode(String secret) {
        return URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }
}
