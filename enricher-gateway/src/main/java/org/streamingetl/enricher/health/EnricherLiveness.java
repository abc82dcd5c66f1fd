package org.streamingetl.enricher.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.streamingetl.enricher.EnricherService;

/** Live while no background thread of the service died; DOWN with the reason when one did (restart the service). */
@Liveness
@ApplicationScoped
public class EnricherLiveness implements HealthCheck {

    @Inject
    EnricherService service;

    @Override
    public HealthCheckResponse call() {
        return service.notLive()
                .map(reason -> HealthCheckResponse.named("enricher-threads").down().withData("reason", reason).build())
                .orElseGet(() -> HealthCheckResponse.named("enricher-threads").up().build());
    }
}
