package org.jointchat.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The WAR brings its own PostgreSQL resource (values from MicroProfile Config, see
 * {@code META-INF/microprofile-config.properties}) and migrates the schema with Flyway before
 * anything else runs.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "org.jointchat.platform.ConfiguredDataSource", // resolves the placeholders where Payara does not
        url = "${MPCONFIG=jointchat.db.url}",
        user = "${MPCONFIG=jointchat.db.user}",
        password = "${MPCONFIG=jointchat.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
            // Issue 24 (handshake): each connection validated at most every 10 s, not at every checkout. Validating
            // every checkout cost a round trip and a class lookup, ~9 % of the server's CPU while a crowd arrived.
            "fish.payara.validate-atmost-once-period-in-seconds=10",
            "fish.payara.fail-all-connections=true"
        })
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class Database {

    public static final String JNDI_NAME = "java:app/jdbc/jointchat";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @Resource(lookup = JNDI_NAME)
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /**
     * Whether a failure means the database cannot be reached now (retry later), rather than a refused or
     * broken statement: SQLSTATE class 08 (connection), 57P01–57P03 (shutting down, cannot connect now),
     * 53300 (too many connections), or the driver's connection exceptions, anywhere in the cause chain.
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || "53300".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a persistence failure was caused by the given PostgreSQL SQLSTATE (e.g. 23505, unique violation). */
    public static boolean hasSqlState(Throwable failure, String sqlState) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
