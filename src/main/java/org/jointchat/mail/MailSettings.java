package org.jointchat.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SMTP settings ({@code jointchat.smtp.*}, environment {@code JOINTCHAT_SMTP_*}). E-mail is off while no host
 * is set: the features that need it say so and send nothing. The password may come from the environment or from
 * a Payara password alias of the same name ({@code asadmin create-password-alias jointchat.smtp.password}), which
 * Payara's {@code password} config source serves to MicroProfile Config. The Jakarta Mail session is built here
 * from these settings, so the WAR needs no mail resource in the server.
 */
@ApplicationScoped
public class MailSettings {

    /** How the connection to the SMTP server is protected. */
    public enum Security {
        /** Plain SMTP (only for a relay on the same machine or network). */
        NONE,
        /** Plain connection upgraded with STARTTLS; refused if the server does not offer it (port 587). */
        STARTTLS,
        /** TLS from the first byte, "SMTPS" (port 465). */
        TLS;

        static Security of(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }

        int defaultPort() {
            return switch (this) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case TLS -> 465;
            };
        }
    }

    @Inject
    @ConfigProperty(name = "jointchat.smtp.host")
    Optional<String> host;

    /** 0: the usual port of the security mode (25, 587, 465). */
    @Inject
    @ConfigProperty(name = "jointchat.smtp.port", defaultValue = "0")
    int port;

    @Inject
    @ConfigProperty(name = "jointchat.smtp.security", defaultValue = "starttls")
    String security;

    @Inject
    @ConfigProperty(name = "jointchat.smtp.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "jointchat.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "jointchat.smtp.from", defaultValue = "JointChat <jointchat@localhost>")
    String from;

    /** Connect, read and write timeout of one SMTP conversation. */
    @Inject
    @ConfigProperty(name = "jointchat.smtp.timeout", defaultValue = "PT20S")
    Duration timeout;

    /**
     * The address users reach the server at, for links in e-mail (e.g. {@code https://chat.example.org}); unset:
     * the address of the request that caused the mail. Set it in production: a link must not depend on a request's
     * Host header.
     */
    @Inject
    @ConfigProperty(name = "jointchat.public-url")
    Optional<String> publicUrl;

    /** Whether e-mail is configured (an SMTP host is set). */
    public boolean enabled() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    public String from() {
        return from;
    }

    Security security() {
        return Security.of(security);
    }

    int port() {
        return port > 0 ? port : security().defaultPort();
    }

    String host() {
        return host.orElse("").strip();
    }

    Optional<String> user() {
        return user.filter(u -> !u.isBlank());
    }

    String password() {
        return password.orElse("");
    }

    /** The Jakarta Mail properties for an SMTP session to the configured server. */
    Properties sessionProperties() {
        var props = new Properties();
        String millis = Long.toString(timeout.toMillis());
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", host());
        props.put("mail.smtp.port", Integer.toString(port()));
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.auth", Boolean.toString(user().isPresent()));
        switch (security()) {
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                props.put("mail.smtp.ssl.enable", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // plain: for a relay on the same machine, or the tests' server
            }
        }
        return props;
    }

    /**
     * The absolute URL of a page of this server ({@code path} starts with "/"): under {@code jointchat.public-url}
     * when set, else under the scheme, host and port the request came to.
     */
    public String link(HttpServletRequest request, String path) {
        return base(request) + path;
    }

    /** The server's public base URL, without a trailing slash; null when neither the setting nor a request gives one. */
    public String base(HttpServletRequest request) {
        if (publicUrl.filter(u -> !u.isBlank()).isPresent()) {
            String url = publicUrl.get().strip();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        if (request == null) {
            return null;
        }
        String scheme = request.getScheme();
        int p = request.getServerPort();
        boolean usual = ("http".equals(scheme) && p == 80) || ("https".equals(scheme) && p == 443);
        String hostName = request.getServerName();
        if (hostName.contains(":") && !hostName.startsWith("[")) {
            hostName = "[" + hostName + "]";
        }
        return scheme + "://" + hostName + (usual ? "" : ":" + p) + request.getContextPath();
    }
}
