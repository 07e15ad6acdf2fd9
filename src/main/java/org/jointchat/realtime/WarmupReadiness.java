package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the server warms itself ({@link Warmup}): a balancer sends this instance nobody yet. */
@Readiness
@ApplicationScoped
public class WarmupReadiness implements HealthCheck {

    @Inject
    Warmup warmup;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warmup").status(!warmup.warming()).withData("warmup", warmup.outcome()).build();
    }
}
