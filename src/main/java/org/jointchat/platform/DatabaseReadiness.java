package org.jointchat.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
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
