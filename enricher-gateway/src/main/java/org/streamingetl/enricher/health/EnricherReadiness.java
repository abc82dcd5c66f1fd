package org.streamingetl.enricher.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.streamingetl.enricher.EnricherService;
import org.streamingetl.enricher.control.PipelineView;
import org.streamingetl.enricher.engine.Reconciler;

/**
 * Ready when the control topic is followed, the engine answers and no enrichment is INVALID or FAILED (one waiting
 * for its tables to be announced, or starting, is reported in the data but does not make the gateway unready).
 */
@Readiness
@ApplicationScoped
public class EnricherReadiness implements HealthCheck {

    @Inject
    EnricherService service;
    @Inject
    PipelineView view;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("enricher-gateway").withData("entities", view.entities().size());
        String problem = service.problem();
        if (problem != null) {
            return response.down().withData("reason", problem).build();
        }
        Reconciler reconciler = service.reconciler();
        String notRunning = reconciler == null ? "" : reconciler.statuses().values().stream()
                .filter(s -> "INVALID".equals(s.state()) || "FAILED".equals(s.state()))
                .map(s -> s.name() + " is " + s.state() + (s.reason() == null ? "" : ": " + s.reason()))
                .collect(Collectors.joining("; "));
        if (reconciler != null) {
            reconciler.statuses().values().forEach(s -> response.withData(s.name(), s.state()));
        }
        return notRunning.isEmpty() ? response.up().build() : response.down().withData("reason", notRunning).build();
    }
}
