package org.streamingetl.enricher.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.streamingetl.enricher.control.PipelineView;

/** What the gateway sees on the control topic. */
@Path("/pipeline")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    @Inject
    PipelineView view;

    @GET
    @Path("/entities")
    @Operation(summary = "Every entity announced on the control topic (key → latest event type)")
    public Map<String, String> entities() {
        return view.entities();
    }
}
