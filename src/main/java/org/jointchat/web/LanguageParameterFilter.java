package org.jointchat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.jointchat.platform.Messages;

/** {@code ?lang=ru} on any page remembers the language for the session and reloads the page without the parameter. */
@WebFilter(urlPatterns = "*.xhtml")
public class LanguageParameterFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String lang = "GET".equals(request.getMethod()) ? request.getParameter("lang") : null;
        if (lang == null) {
            chain.doFilter(request, response);
            return;
        }
        Locale chosen = Messages.negotiate(List.of(Locale.forLanguageTag(lang)));
        request.getSession(true).setAttribute(LanguageSelection.SESSION_LOCALE, chosen);
        response.sendRedirect(request.getRequestURI() + withoutLang(request.getQueryString()));
    }

    private static String withoutLang(String query) {
        var kept = java.util.Arrays.stream(query.split("&")).filter(p -> !p.startsWith("lang=")).toList();
        return kept.isEmpty() ? "" : "?" + String.join("&", kept);
    }
}
