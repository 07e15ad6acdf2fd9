package org.jointchat.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The browser-side defences on every response (declared first in web.xml):
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff} (an uploaded text file is never run as script or page),
 * {@code Referrer-Policy: same-origin} (room names in URLs stay here);</li>
 * <li>{@code Strict-Transport-Security} when the request came over HTTPS, or always with
 * {@code jointchat.cookies.secure=true} (TLS ends at a proxy in front);</li>
 * <li>{@code Content-Security-Policy}: pages get PrimeFaces' CSP mode (web.xml: {@code primefaces.CSP} and its
 * policy; scripts only from here or with the page's nonce, no inline handlers, no framing); everything else
 * (API answers, files, redirects) gets a policy that runs no script and cannot be framed. The page's policy
 * replaces that default when PrimeFaces adds it, so a page carries exactly one.</li>
 * </ul>
 * The WebSocket handshake (/ws) is left alone: it is answered by the upgrade.
 */
public class SecurityHeaders extends HttpFilter {

    static final String CSP = "Content-Security-Policy";
    /** For whatever is not a page: no script, no plugin, no framing, no form target. */
    static final String NON_PAGE_POLICY = "script-src 'none'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Inject
    @ConfigProperty(name = "jointchat.cookies.secure", defaultValue = "auto")
    String secureCookies;

    @Inject
    @ConfigProperty(name = "jointchat.hsts.max-age", defaultValue = "31536000")
    long hstsMaxAge;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("/ws".equals(request.getServletPath())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if ((request.isSecure() || "true".equalsIgnoreCase(secureCookies)) && hstsMaxAge > 0) {
            response.setHeader("Strict-Transport-Security", "max-age=" + hstsMaxAge);
        }
        response.setHeader(CSP, NON_PAGE_POLICY);
        chain.doFilter(request, new OnePolicy(response));
    }

    /** A policy added later (PrimeFaces' page policy with its nonce) replaces the default one. */
    private static final class OnePolicy extends HttpServletResponseWrapper {

        OnePolicy(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (CSP.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
