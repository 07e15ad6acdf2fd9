package org.jointchat.platform;

import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL data source of {@link Database}'s {@code @DataSourceDefinition}, portable across servers (issue 25).
 * The annotation names its settings as Payara placeholders ({@code ${MPCONFIG=jointchat.db.url}}), which Payara
 * resolves before it calls the setters. Another server hands over the placeholder as it is, or (WildFly, which
 * resolves {@code ${...}} in annotations by its own rules) an empty value: then this class reads
 * {@code jointchat.db.url}, {@code jointchat.db.user} and {@code jointchat.db.password} from MicroProfile Config
 * itself, so the environment, the stored settings and {@code microprofile-config.properties} apply on every server
 * alike. It reads them when the first connection is asked for, not in the setters: WildFly makes the data source
 * before the application's configuration exists. A setting that is missing fails the connection; it never falls
 * back to the driver's defaults (which would be another database).
 */
public class ConfiguredDataSource extends PGSimpleDataSource {

    private static final long serialVersionUID = 1L;
    static final String URL = "jointchat.db.url";
    static final String USER = "jointchat.db.user";
    static final String PASSWORD = "jointchat.db.password";

    private volatile boolean urlFromConfig;
    private volatile boolean userFromConfig;
    private volatile boolean passwordFromConfig;

    @Override
    public void setUrl(String url) {
        urlFromConfig = notGiven(url);
        if (!urlFromConfig) {
            super.setUrl(url);
        }
    }

    @Override
    public void setURL(String url) {
        setUrl(url);
    }

    @Override
    public void setUser(String user) {
        userFromConfig = notGiven(user);
        if (!userFromConfig) {
            super.setUser(user);
        }
    }

    @Override
    public void setPassword(String password) {
        passwordFromConfig = notGiven(password);
        if (!passwordFromConfig) {
            super.setPassword(password);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        fromConfig();
        return super.getConnection();
    }

    /** WildFly's pool hands the annotation's user and password over here, not to the setters. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        fromConfig();
        return super.getConnection(notGiven(user) ? setting(USER) : user, notGiven(password) ? setting(PASSWORD) : password);
    }

    private synchronized void fromConfig() throws SQLException {
        if (urlFromConfig) {
            super.setUrl(setting(URL));
            urlFromConfig = false;
        }
        if (userFromConfig) {
            super.setUser(setting(USER));
            userFromConfig = false;
        }
        if (passwordFromConfig) {
            super.setPassword(setting(PASSWORD));
            passwordFromConfig = false;
        }
    }

    private static String setting(String name) throws SQLException {
        var value = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()).getOptionalValue(name, String.class);
        if (value.isEmpty()) {
            throw new SQLException(name + " is not set (MicroProfile Config): no connection to a default database", "08001");
        }
        return value.get();
    }

    /** Empty, or a placeholder the server did not resolve. */
    static boolean notGiven(String value) {
        return value == null || value.isBlank() || (value.startsWith("${") && value.endsWith("}"));
    }
}
