package org.streamingetl.registrar.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.streamingetl.registrar.supervision.SourceState;

/** Ready when the connector and every task run; otherwise the data says why. */
@Readiness
@ApplicationScoped
public class RegistrarReadiness implements HealthCheck {

    @Inject
    SourceState state;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("debezium-connector");
        String problem = state.problem();
        if (state.flavor() != null) {
            response.withData("flavor", state.flavor());
        }
        if (state.status() != null) {
            response.withData("connector", state.status().state());
        }
        return problem == null ? response.up().build() : response.down().withData("reason", problem).build();
    }
}
