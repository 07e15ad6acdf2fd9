package org.jointchat.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while PostgreSQL answers and the application is not stopping: {@code /health/ready}. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    Shutdown shutdown;

    /**
     * Made with the application, so that its data source is looked up in the application's naming context: WildFly asks
     * the checks on a management thread, where {@code java:app} names nothing (issue 25).
     */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean exist.
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        if (shutdown.hasBegun()) {
            return response.down().withData("stopping", true).build();
        }
        try (Connection connection = dataSource.getConnection()) {
            return response.status(connection.isValid(2)).build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
