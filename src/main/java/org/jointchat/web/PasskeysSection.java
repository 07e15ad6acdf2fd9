package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Backs the passkey parts of the pages (issue 23, item 4): the profile's section (WEB-INF/includes/profile-passkeys.xhtml)
 * and the sign-in buttons (WEB-INF/includes/passkey-signin.xhtml). The pages only carry texts and addresses; the
 * module js/passkeys.js talks to /api/v1/passkeys, where the rules are.
 */
@Named
@RequestScoped
public class PasskeysSection {

    @Inject
    FacesContext faces;

    /** The REST address of the passkeys. */
    public String getApi() {
        return faces.getExternalContext().getRequestContextPath() + "/api/v1/passkeys";
    }

    /** Where a passkey sign-in goes: the page asked for before the login page (only one inside this application). */
    public String next(String next) {
        var page = new LoginPage();
        page.setNext(next);
        return faces.getExternalContext().getRequestContextPath() + page.safeNext();
    }
}
