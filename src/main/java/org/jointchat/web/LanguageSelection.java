package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Locale;
import org.jointchat.platform.Messages;

/** The page language: the one chosen with ?lang=, else the browser's preference among those we ship. */
@Named
@RequestScoped
public class LanguageSelection {

    static final String SESSION_LOCALE = "org.jointchat.locale";

    @Inject
    HttpServletRequest request;

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            var session = request.getSession(false);
            if (session != null && session.getAttribute(SESSION_LOCALE) instanceof Locale chosen) {
                locale = chosen;
            } else {
                locale = Messages.negotiate(Collections.list(request.getLocales()));
            }
        }
        return locale;
    }
}
