package org.streamingetl.enricher.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.streamingetl.enricher.EnricherService;
import org.streamingetl.enricher.control.PipelineView;

/** Ready when the control topic is followed; the data lists the entities known from it. */
@Readiness
@ApplicationScoped
public class EnricherReadiness implements HealthCheck {

    @Inject
    EnricherService service;
    @Inject
    PipelineView view;

    @Override
    public HealthCheckResponse call() {
        String problem = service.problem();
        var response = HealthCheckResponse.named("control-topic").withData("entities", view.entities().size());
        return problem == null ? response.up().build() : response.down().withData("reason", problem).build();
    }
}
