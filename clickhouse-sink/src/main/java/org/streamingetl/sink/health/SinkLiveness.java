package org.streamingetl.sink.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.streamingetl.sink.SinkService;

/** Live while the sink loop thread runs (or has not been started yet because a dependency is still down). */
@Liveness
@ApplicationScoped
public class SinkLiveness implements HealthCheck {

    @Inject
    SinkService service;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sink-loop").status(service.loopAlive()).build();
    }
}
