package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.RegistrationPolicy;

/** Backs admin/registration.xhtml: the registration mode, and invites (create one, see them, revoke one). */
@Named
@ViewScoped
public class AdminRegistrationPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RegistrationPolicy policy;

    @Inject
    transient SecurityContext security;

    @Inject
    transient HttpServletRequest request;

    private String mode;
    private int expiresInHours = 168;
    private int maxUses = 1;
    private String newLink;
    private transient List<RegistrationPolicy.Invite> invites;

    /** viewAction: the mode as it is now. */
    public void load() {
        mode = policy.mode().wire();
    }

    public void saveMode() {
        var chosen = RegistrationPolicy.Mode.ofWire(mode);
        if (chosen.isEmpty()) {
            FacesText.error(null, "admin.registration.modeInvalid");
        } else {
            policy.changeMode(actor(), chosen.get());
            FacesText.info("admin.registration.saved");
        }
        keepMessagesHere();
    }

    public void createInvite() {
        try {
            var created = policy.createInvite(actor(), Duration.ofHours(expiresInHours), maxUses);
            newLink = linkFor(created.code());
            invites = null;
            FacesText.info("admin.invite.created");
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error("invite:" + error.field(), error.messageKey()));
        }
        keepMessagesHere();
    }

    public void revoke(String id) {
        newLink = null;
        if (policy.revokeInvite(actor(), id)) {
            FacesText.info("admin.invite.revoked");
        } else {
            FacesText.error(null, "admin.invite.notFound");
        }
        invites = null;
        keepMessagesHere();
    }

    /** The register page's address with the code, as the administrator hands it on. */
    private String linkFor(String code) {
        String url = request.getRequestURL().toString();
        String origin = url.substring(0, url.length() - request.getRequestURI().length());
        return origin + request.getContextPath() + "/register.xhtml?invite=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    public List<RegistrationPolicy.Invite> getInvites() {
        if (invites == null) {
            invites = policy.invites(200);
        }
        return invites;
    }

    public String time(OffsetDateTime time) {
        return AdminText.time(time);
    }

    public String shortId(String id) {
        return RegistrationPolicy.shortId(id);
    }

    private String actor() {
        return security.getCallerPrincipal().getName();
    }

    private static void keepMessagesHere() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public int getExpiresInHours() {
        return expiresInHours;
    }

    public void setExpiresInHours(int expiresInHours) {
        this.expiresInHours = expiresInHours;
    }

    public int getMaxUses() {
        return maxUses;
    }

    public void setMaxUses(int maxUses) {
        this.maxUses = maxUses;
    }

    public String getNewLink() {
        return newLink;
    }
}
