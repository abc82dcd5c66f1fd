package org.streamingetl.registrar.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.streamingetl.registrar.RegistrarService;

/** Live while no background thread of the service died; DOWN with the reason when one did (restart the service). */
@Liveness
@ApplicationScoped
public class RegistrarLiveness implements HealthCheck {

    @Inject
    RegistrarService service;

    @Override
    public HealthCheckResponse call() {
        return service.notLive()
                .map(reason -> HealthCheckResponse.named("registrar-threads").down().withData("reason", reason).build())
                .orElseGet(() -> HealthCheckResponse.named("registrar-threads").up().build());
    }
}
