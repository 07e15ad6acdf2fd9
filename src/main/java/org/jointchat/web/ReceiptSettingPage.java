package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.jointchat.account.AccountService;
import org.jointchat.account.ReadReceiptSharing;

/** Backs the "Share read receipts" form of your own profile page (issue 22, item 3; also PUT /api/v1/users/me/receipts). */
@Named
@RequestScoped
public class ReceiptSettingPage {

    @Inject
    ReadReceiptSharing sharing;

    @Inject
    AccountService accounts;

    @Inject
    SecurityContext security;

    private Boolean share;

    private long myId() {
        return accounts.findByLogin(security.getCallerPrincipal().getName()).orElseThrow().getId();
    }

    public boolean isShare() {
        if (share == null) {
            share = sharing.shares(myId());
        }
        return share;
    }

    public void setShare(boolean share) {
        this.share = share;
    }

    public void save() {
        sharing.setShares(myId(), Boolean.TRUE.equals(share));
        // Said beside the checkbox, not at the top of the page (the profile form's messages are global ones).
        FacesContext.getCurrentInstance().addMessage("receipts:share",
                new FacesMessage(FacesMessage.SEVERITY_INFO, FacesText.text("profile.receipts.saved"), FacesText.text("profile.receipts.saved")));
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }
}
