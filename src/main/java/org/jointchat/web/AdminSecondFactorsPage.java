package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointchat.account.TwoFactorPolicy;
import org.jointchat.admin.SecondFactorAdministration;
import org.jointchat.api.ProblemException;

/**
 * The second-factor parts of admin/users.xhtml (issue 23, item 5): each user's factors, "Reset second factors", and
 * the two-factor policy. The rules are SecondFactorAdministration's and TwoFactorPolicy's.
 */
@Named
@ViewScoped
public class AdminSecondFactorsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SecondFactorAdministration administration;

    @Inject
    transient TwoFactorPolicy policy;

    @Inject
    transient SecurityContext security;

    private static final String FACTORS = AdminSecondFactorsPage.class.getName() + ".factors";

    private String require;

    /** The user's factors ("passkey", "totp"); empty when none. Looked up once per row and request. */
    @SuppressWarnings("unchecked")
    public List<String> factorsOf(String login) {
        var attributes = FacesContext.getCurrentInstance().getAttributes();
        var factors = (Map<String, List<String>>) attributes.computeIfAbsent(FACTORS, key -> new HashMap<String, List<String>>());
        return factors.computeIfAbsent(login, administration::factorsOf);
    }

    public String names(String login) {
        return String.join(", ", factorsOf(login).stream().map(name -> FacesText.text("account.secondFactor." + name)).toList());
    }

    public void reset(String login) {
        try {
            var had = administration.reset(security.getCallerPrincipal().getName(), login);
            FacesText.info(had.isEmpty() ? "admin.twofactor.hadNone" : "admin.twofactor.resetDone", login);
        } catch (ProblemException e) {
            AdminText.refused(e);
        }
        FacesContext.getCurrentInstance().getAttributes().remove(FACTORS);
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }

    public String getRequire() {
        if (require == null) {
            require = policy.mode().wire();
        }
        return require;
    }

    public void setRequire(String require) {
        this.require = require;
    }

    public void savePolicy() {
        var mode = TwoFactorPolicy.Mode.ofWire(require);
        if (mode.isEmpty()) {
            FacesText.error(null, "admin.twofactor.policyInvalid");
        } else {
            policy.changeMode(security.getCallerPrincipal().getName(), mode.get());
            FacesText.info("admin.twofactor.policySaved");
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }
}
