package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import java.util.function.LongConsumer;
import org.jointchat.account.AccountService;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.RecentProof;
import org.jointchat.api.ProblemException;
import org.jointchat.platform.TooManyRequestsException;
import org.jointchat.account.TwoFactorPolicy;
import org.jointchat.account.User;
import org.jointchat.platform.ServerBusyException;
import org.jointchat.twofactor.QrCodeSvg;
import org.jointchat.twofactor.TotpService;
import org.primefaces.PrimeFaces;

/**
 * Backs WEB-INF/includes/profile-twofactor.xhtml (two-factor sign-in, issue 23, item 3): set TOTP up (a QR code and
 * the secret to type, confirmed by a code), see the ten recovery codes once, replace them, turn TOTP off. The
 * secret lives in this view only while the enrolment is open; the rules are TotpService's.
 */
@Named
@ViewScoped
public class ProfileTwoFactorPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TotpService totp;

    @Inject
    transient AccountService accounts;

    @Inject
    transient SecurityContext security;

    @Inject
    transient RecentProof recentProof;

    private String secret;
    private String qrSvg;
    private String code;
    private String password;
    private List<String> recoveryCodes;
    private String notice;
    private transient TotpService.Status status;

    public void start() {
        clearShown();
        try {
            var user = user();
            recentProof.require(request(), user.getId(), password); // a recent sign-in, or the password again
            password = null;
            var enrolment = totp.startEnrolment(user.getId(), user.getLogin());
            secret = enrolment.secret();
            qrSvg = QrCodeSvg.of(enrolment.uri(), FacesText.text("twofactor.qrLabel"));
            PrimeFaces.current().scrollTo("twofactor:enrolment"); // the QR code and its field, on screen at once
        } catch (InvalidInputException e) {
            showErrors(e);
        } catch (ProblemException e) {
            problem("twofactor:startPassword", e);
        } catch (TooManyRequestsException e) {
            FacesText.error("twofactor:startPassword", "twofactor.tooManyProofs", e.retryAfterSeconds());
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
        }
        password = null;
    }

    public void confirm() {
        try {
            recentProof.require(request(), user().getId(), null);
            recoveryCodes = totp.confirm(user().getId(), code);
            secret = null;
            qrSvg = null;
            notice = FacesText.text("twofactor.turnedOn");
            session().removeAttribute(TwoFactorPolicy.ENROLMENT_REQUIRED); // the chat opens again
            PrimeFaces.current().scrollTo("twofactor:recovery-codes");
        } catch (InvalidInputException e) {
            showErrors(e);
        } catch (ProblemException e) { // the recent sign-in went stale meanwhile: start again with the password
            clearShown();
            problem("twofactor:startPassword", e);
        }
        code = null;
        status = null;
    }

    public void cancel() {
        clearShown();
    }

    public void newRecoveryCodes() {
        withProofOfOwner(id -> {
            recoveryCodes = totp.newRecoveryCodes(id);
            notice = FacesText.text("twofactor.newCodesMade");
            PrimeFaces.current().scrollTo("twofactor:recovery-codes");
        });
    }

    public void turnOff() {
        withProofOfOwner(id -> {
            totp.turnOff(id);
            notice = FacesText.text("twofactor.turnedOff");
        });
    }

    /** Runs the action once the form's current code or password proves the owner; says why not otherwise. */
    private void withProofOfOwner(LongConsumer action) {
        clearShown();
        try {
            long id = user().getId();
            totp.proveOwner(id, code, password);
            action.accept(id);
        } catch (InvalidInputException e) {
            showErrors(e);
        } catch (ServerBusyException e) {
            FacesText.error("twofactor:proofCode", "abuse.busy", e.retryAfterSeconds());
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
        } catch (TooManyRequestsException e) {
            FacesText.error("twofactor:proofCode", "twofactor.tooManyProofs", e.retryAfterSeconds());
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
        } catch (ProblemException e) { // the policy's last factor
            problem("twofactor:proofCode", e);
        }
        code = null;
        password = null;
        status = null;
    }

    private void clearShown() {
        secret = null;
        qrSvg = null;
        recoveryCodes = null;
        notice = null;
    }

    /** Errors under the field they are about: the confirmation code while enrolling, else the proof. */
    private void showErrors(InvalidInputException e) {
        String field = secret != null ? "twofactor:code" : "twofactor:proofCode";
        e.errors().forEach(error -> FacesText.error(field, error.messageKey()));
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false); // this answer only
    }

    private void problem(String field, ProblemException e) {
        if (e.type() == org.jointchat.api.ProblemType.REAUTHENTICATION_REQUIRED) {
            FacesText.error(field, "twofactor.reauthenticate");
        } else {
            FacesText.error(field, e.detailKey(), e.detailArguments());
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }

    /** No sign-in within the last minutes: setting TOTP up asks for the password first (issue 23 review, authfix). */
    public boolean isReauthenticationNeeded() {
        return !recentProof.isFresh(request());
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    private User user() {
        return accounts.findByLogin(security.getCallerPrincipal().getName()).orElseThrow();
    }

    private static jakarta.servlet.http.HttpSession session() {
        return ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).getSession();
    }

    private TotpService.Status status() {
        if (status == null) {
            status = totp.status(user().getId());
        }
        return status;
    }

    public boolean isEnabled() {
        return status().enabled();
    }

    public int getRecoveryCodesLeft() {
        return status().recoveryCodesLeft();
    }

    /** Signed in by the password while the policy asks for a second factor: the chat waits for this section. */
    public boolean isEnrolmentRequired() {
        return session().getAttribute(TwoFactorPolicy.ENROLMENT_REQUIRED) != null;
    }

    public boolean isEnrolling() {
        return secret != null;
    }

    /** The secret in groups of four, easier to type. */
    public String getSecret() {
        return secret == null ? null : secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    public String getQrSvg() {
        return qrSvg;
    }

    public List<String> getRecoveryCodes() {
        return recoveryCodes;
    }

    public String getNotice() {
        return notice;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
