package org.streamingetl.sink.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.streamingetl.sink.SinkService;

/**
 * Live while the sink's background threads run (the starter until the loop started, then the loop); DOWN with the
 * reason when one died or the loop ended.
 */
@Liveness
@ApplicationScoped
public class SinkLiveness implements HealthCheck {

    @Inject
    SinkService service;

    @Override
    public HealthCheckResponse call() {
        return service.notLive()
                .map(reason -> HealthCheckResponse.named("sink-loop").down().withData("reason", reason).build())
                .orElseGet(() -> HealthCheckResponse.named("sink-loop").up().build());
    }
}
