package org.streamingetl.enricher.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.streamingetl.enricher.EnricherService;
import org.streamingetl.enricher.control.PipelineView;
import org.streamingetl.enricher.engine.Reconciler;

/** What the gateway sees of the pipeline, and its enrichments. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    @Inject
    PipelineView view;
    @Inject
    EnricherService service;

    @GET
    @Path("/pipeline/entities")
    @Operation(summary = "Every entity announced on the control topic, with the type of its latest event")
    public Map<String, String> entities() {
        return view.entities();
    }

    @GET
    @Path("/enrichments")
    @Operation(summary = "Each enrichment: engine, state (and why when not RUNNING), input and output topics, lag")
    public Response enrichments() {
        Reconciler reconciler = service.reconciler();
        if (reconciler == null) {
            return Response.status(503).entity(Map.of("problem", String.valueOf(service.problem()))).build();
        }
        return Response.ok(Map.of("enrichments", List.copyOf(reconciler.statuses().values()),
                "definitionErrors", reconciler.fileErrors())).build();
    }

    @POST
    @Path("/enrichments/{name}/redeploy")
    @Operation(summary = "Deploy one enrichment again from scratch")
    public Response redeploy(@PathParam("name") String name) {
        Reconciler reconciler = service.reconciler();
        if (reconciler == null) {
            return Response.status(503).entity(Map.of("problem", String.valueOf(service.problem()))).build();
        }
        return reconciler.redeploy(name)
                ? Response.accepted(Map.of("action", "redeploy", "enrichment", name)).build()
                : Response.status(404).entity(Map.of("error", "no deployed enrichment named " + name)).build();
    }
}
