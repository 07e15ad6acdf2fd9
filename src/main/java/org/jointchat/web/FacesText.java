package org.jointchat.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.jointchat.platform.Messages;

/** Faces messages in the view's language. */
final class FacesText {

    private FacesText() {
    }

    static String text(String key, Object... arguments) {
        var faces = FacesContext.getCurrentInstance();
        return Messages.get(faces.getViewRoot().getLocale(), key, arguments);
    }

    /** A message for one field (clientId) or, with null, for the whole form; kept across a redirect. */
    static void error(String clientId, String key, Object... arguments) {
        add(clientId, FacesMessage.SEVERITY_ERROR, key, arguments);
    }

    static void info(String key, Object... arguments) {
        add(null, FacesMessage.SEVERITY_INFO, key, arguments);
    }

    private static void add(String clientId, FacesMessage.Severity severity, String key, Object... arguments) {
        var faces = FacesContext.getCurrentInstance();
        String text = text(key, arguments);
        faces.addMessage(clientId, new FacesMessage(severity, text, text));
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }
}
