package org.jointchat.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * Which application server runs the WAR (issue 25: the same WAR on Payara and WildFly, docs/deployment.md). What only
 * Payara has stays behind the application's own seams ({@code Cluster}, {@code IdleTimerScheduler},
 * {@code UpgradedRequestTrim}, {@code ConfiguredDataSource}), each of which says so when it is absent; this says it
 * once at start for the whole server.
 */
@ApplicationScoped
public class ApplicationServer {

    private static final Logger LOG = Logger.getLogger(ApplicationServer.class.getName());

    public enum Kind { PAYARA, WILDFLY, OTHER }

    /** From the server's own system properties. */
    public static Kind kind() {
        if (System.getProperty("com.sun.aas.instanceRoot") != null) {
            return Kind.PAYARA;
        }
        if (System.getProperty("jboss.home.dir") != null) {
            return Kind.WILDFLY;
        }
        return Kind.OTHER;
    }

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        String server = application instanceof ServletContext context ? context.getServerInfo() : kind().name();
        if (kind() == Kind.PAYARA) {
            LOG.info(() -> "Running on " + server);
            return;
        }
        LOG.info(() -> "Running on " + server + ". Payara's alone, absent here: the data grid (no cluster: one instance"
                + " only), password aliases (secrets come from this server's own MicroProfile Config sources), the Tyrus"
                + " and Grizzly tuning of sockets, and Payara's connection validation settings (see docs/deployment.md)");
    }
}
