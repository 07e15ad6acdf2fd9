package org.jointchat.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.jointchat.missed.EmailNotifications;

/**
 * Backs {@code /unsubscribe.xhtml?token=…}, the link at the end of a missed-message e-mail (issue 23, item 1): no
 * sign-in; it asks once ("Stop these e-mails?"), as a link checker that opens every link in a mail must not
 * unsubscribe anyone, then turns them off. The mail client's own one-click unsubscribe POSTs to the API instead.
 */
@Named
@ViewScoped // the token of the GET still there when the button's post is decoded (rendered= depends on it)
public class UnsubscribePage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    EmailNotifications notifications;

    private String token;
    private boolean done;
    private Boolean valid;

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        if (token == null || token.equals(this.token)) {
            return; // a postback without the parameter keeps the token of the page
        }
        valid = null;
        this.token = token;
    }

    /** Whether the link is one this server gave out (and still honours). */
    public boolean isValid() {
        if (valid == null) {
            valid = notifications.knows(token);
        }
        return done || valid;
    }

    public boolean isDone() {
        return done;
    }

    public void unsubscribe() {
        done = notifications.unsubscribe(token);
    }
}
