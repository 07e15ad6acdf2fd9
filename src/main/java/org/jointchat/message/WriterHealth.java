package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live} check "message-writer" (issue 24, item 5): UP, with the writer's counts since start
 * ({@link WriterCounts}) and its queue's depth as data; costs nothing until asked.
 */
@Liveness
@ApplicationScoped
public class WriterHealth implements HealthCheck {

    @Inject
    MessageWriter writer;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("message-writer").up();
        writer.counts().forEach(response::withData);
        response.withData("queued", writer.queued());
        return response.build();
    }
}
