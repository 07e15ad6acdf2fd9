package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jointchat.email.EmailAddresses;
import org.jointchat.email.LinkState;
import org.jointchat.mail.MailSettings;

/**
 * Backs verify-email.xhtml (issue 23, mail): the link from the verification mail opens it and shows the address;
 * a button confirms it (a POST, so that a mail scanner that opens links does not use it up). Then it says what
 * happened: verified, expired, used already, unknown, or an address another account uses.
 */
@Named
@RequestScoped
public class VerifyEmailPage {

    @Inject
    EmailAddresses addresses;

    @Inject
    MailSettings settings;

    @Inject
    HttpServletRequest request;

    private String token;
    private EmailAddresses.LinkView link;
    private EmailAddresses.Outcome outcome;

    /** The link's secret: from ?token=, or the form's hidden field on the confirmation (asked before the view parameter is set). */
    private String token() {
        if (token == null) {
            token = request.getParameter("token") != null ? request.getParameter("token") : request.getParameter("verify:token");
        }
        return token;
    }

    public EmailAddresses.LinkView getLink() {
        if (link == null) {
            link = addresses.check(token());
        }
        return link;
    }

    /** Whether the confirmation button is shown (a usable link, not confirmed yet). */
    public boolean isConfirmable() {
        return outcome == null && getLink().state() == LinkState.VALID;
    }

    public void confirm() {
        outcome = addresses.verify(token(), settings.base(request));
    }

    /** The result to show, or null while the button is still to be pressed. */
    public String getResult() {
        if (outcome != null) {
            return FacesText.text("verify." + outcome.name().toLowerCase(Locale.ROOT));
        }
        return switch (getLink().state()) {
            case VALID -> null;
            case EXPIRED -> FacesText.text("verify.expired");
            case USED -> FacesText.text("verify.used");
            case INVALID -> FacesText.text("verify.invalid");
        };
    }

    public boolean isVerified() {
        return outcome == EmailAddresses.Outcome.VERIFIED;
    }

    public String getToken() {
        return token();
    }

    public void setToken(String token) {
        this.token = token;
    }
}
