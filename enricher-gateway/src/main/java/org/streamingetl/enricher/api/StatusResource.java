package org.streamingetl.enricher.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.streamingetl.enricher.EnricherService;
import org.streamingetl.enricher.config.EnricherConfig;
import org.streamingetl.enricher.control.PipelineView;
import org.streamingetl.enricher.engine.Reconciler;
import org.streamingetl.enricher.status.LatencyFeed;
import org.streamingetl.enricher.status.PipelineStatus;
import org.streamingetl.enricher.status.StatusView;

/**
 * The status page: {@code /status/} (static HTML and JS, {@code META-INF/resources/status/}) and the JSON it
 * reloads, {@code GET /pipeline/status}.
 */
@Path("/")
public class StatusResource {

    @Inject
    PipelineView view;
    @Inject
    EnricherService service;
    @Inject
    LatencyFeed latency;
    @Inject
    EnricherConfig config;

    @GET
    @Path("/pipeline/status")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The status page's data: connector, tables, sinks, drift checks, enrichments, problems, "
            + "per-hop latency of the last minutes")
    public PipelineStatus status() {
        Reconciler reconciler = service.reconciler();
        Map<String, Reconciler.Status> running = reconciler == null ? Map.of() : reconciler.statuses();
        List<PipelineStatus.Problem> unread = new ArrayList<>();
        latency.problems().forEach((sink, reason) -> unread.add(
                new PipelineStatus.Problem("latency of " + sink, "its /q/metrics cannot be read: " + reason)));
        PipelineStatus.Latency plot = new PipelineStatus.Latency(latency.sinks(), unread,
                config.status().latencyWindow().toMillis(), config.status().latencyInterval().toMillis(),
                latency.points());
        return StatusView.build(view.events(), running, plot, Instant.now(), config.status().pageRefresh().toMillis());
    }

    @GET
    @Path("/status")
    @Operation(summary = "Redirects to the status page, /status/")
    public Response page() {
        return Response.status(Response.Status.FOUND).location(URI.create("/status/")).build();
    }
}
