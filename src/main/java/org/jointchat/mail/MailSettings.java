package org.jointchat.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(MailSettings.class.getName());

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
     * no mail with a link is sent (verification, password reset, missed messages). Never the request's Host
     * header, which the client chooses.
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

    private final AtomicBoolean noLinksLogged = new AtomicBoolean();

    /** The absolute URL of a page of this server ({@code path} starts with "/"), or null (see {@link #base}). */
    public String link(HttpServletRequest request, String path) {
        String base = base(request);
        return base == null ? null : base + path;
    }

    /**
     * The server's public base URL for links in e-mail, without a trailing slash: {@code jointchat.public-url}. NEVER
     * the request's Host header: a link built from it would carry a reset secret to whatever host an attacker named.
     * Null when the setting is missing: no mail with a link is sent then (logged once). The request is not used; the
     * parameter stays for the callers' sake.
     */
    public String base(HttpServletRequest request) {
        if (publicUrl.filter(u -> !u.isBlank()).isPresent()) {
            return withoutSlash(publicUrl.get().strip());
        }
        if (enabled() && noLinksLogged.compareAndSet(false, true)) {
            LOG.warning("E-mail links are off: jointchat.public-url is not set (e.g. https://chat.example.org). No"
                    + " verification or password reset mail is sent until it is.");
        }
        return null;
    }

    /** Whether mails with links can be sent: e-mail is on and {@code jointchat.public-url} is set. */
    public boolean linksEnabled() {
        return enabled() && base(null) != null;
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
