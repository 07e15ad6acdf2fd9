package org.jointchat.platform;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The session cookie (JSESSIONID) as the remember-me cookie: HttpOnly and SameSite=Lax (web.xml; Payara applies
 * SameSite from glassfish-web.xml's cookieSameSite only, so it is set there too), and Secure under the same rule ({@code jointchat.cookies.secure}): "true" always (TLS ends at a proxy in
 * front); otherwise the container marks it Secure when the request itself came over HTTPS.
 */
@WebListener
public class SessionCookie implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        var config = event.getServletContext().getSessionCookieConfig();
        config.setAttribute("SameSite", "Lax");
        String secure = ConfigProvider.getConfig().getOptionalValue("jointchat.cookies.secure", String.class).orElse("auto");
        if ("true".equalsIgnoreCase(secure)) {
            config.setSecure(true);
        }
    }
}
