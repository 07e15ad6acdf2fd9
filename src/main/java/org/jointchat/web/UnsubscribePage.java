package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jointchat.missed.EmailNotifications;

/**
 * Backs {@code /unsubscribe.xhtml?token=…}, the link at the end of a missed-message e-mail (issue 23, item 1): no
 * sign-in; it asks once ("Stop these e-mails?"), as a link checker that opens every link in a mail must not
 * unsubscribe anyone, then turns them off. The mail client's own one-click unsubscribe POSTs to the API instead.
 */
@Named
@RequestScoped
public class UnsubscribePage {

    @Inject
    EmailNotifications notifications;

    private String token;
    private boolean done;

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** Whether the link is one this server gave out (and still honours). */
    public boolean isValid() {
        return done || notifications.knows(token);
    }

    public boolean isDone() {
        return done;
    }

    public void unsubscribe() {
        done = notifications.unsubscribe(token);
    }
}
