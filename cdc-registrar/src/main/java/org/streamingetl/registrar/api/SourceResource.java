package org.streamingetl.registrar.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.streamingetl.registrar.supervision.SourceState;

/** Status of the captured source. */
@Path("/source")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    @Inject
    SourceState state;

    @GET
    @Path("/status")
    @Operation(summary = "The connector's state, its tasks' states, and what is wrong if anything")
    public Response status() {
        if (state.status() == null) {
            return Response.status(503).entity(java.util.Map.of("problem", String.valueOf(state.problem()))).build();
        }
        return Response.ok(state.status()).build();
    }
}
