package org.streamingetl.registrar.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.streamingetl.registrar.RegistrarService;
import org.streamingetl.registrar.connect.ConnectException;
import org.streamingetl.registrar.operations.SourceOperations;
import org.streamingetl.registrar.supervision.SourceState;

/** Status of the captured source, and the operations on it (which need the API token). */
@Path("/source")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "REGISTRAR_API_TOKEN (registrar.api.token)")
public class SourceResource {

    @Inject
    SourceState state;
    @Inject
    RegistrarService service;
    @Inject
    SourceOperations operations;

    /** The tables to snapshot, as {@code db.table}. */
    public record SnapshotRequest(List<String> tables) {
    }

    @GET
    @Path("/status")
    @Operation(summary = "The connector's state, its tasks' states, each table's snapshot progress, and what is wrong if anything")
    public Response status() {
        if (state.status() == null) {
            return Response.status(503).entity(Map.of("problem", String.valueOf(state.problem()))).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", state.status().connector());
        body.put("state", state.status().state());
        body.put("tasks", state.status().tasks());
        body.put("message", state.status().message());
        body.put("snapshots", service.snapshots().tables());
        body.put("resyncs", service.pendingResyncs());
        return Response.ok(body).build();
    }

    @POST
    @Path("/restart")
    @RequiresToken
    @SecurityRequirement(name = "token")
    @Operation(summary = "Restart the connector and all its tasks; also clears the automatic restart budget")
    public Response restart() {
        return act("restart", operations::restart);
    }

    @POST
    @Path("/pause")
    @RequiresToken
    @SecurityRequirement(name = "token")
    @Operation(summary = "Pause the connector (changes wait in the binlog; readiness reports it)")
    public Response pause() {
        return act("pause", operations::pause);
    }

    @POST
    @Path("/resume")
    @RequiresToken
    @SecurityRequirement(name = "token")
    @Operation(summary = "Resume a paused connector")
    public Response resume() {
        return act("resume", operations::resume);
    }

    @POST
    @Path("/snapshot")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresToken
    @SecurityRequirement(name = "token")
    @Operation(summary = "Re-snapshot tables through Debezium's incremental snapshot; progress in GET /source/status")
    public Response snapshot(SnapshotRequest request) {
        try {
            String signal = operations.snapshot(request == null ? null : request.tables());
            return Response.accepted(Map.of("action", "snapshot", "tables", request.tables(), "signal", signal)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("error", e.getMessage())).build();
        } catch (java.sql.SQLException e) {
            return Response.status(503).entity(Map.of("error", e.getMessage())).build();
        }
    }

    private Response act(String action, Runnable operation) {
        try {
            operation.run();
            return Response.accepted(Map.of("action", action, "connector", service.connectorName())).build();
        } catch (IllegalStateException | ConnectException e) {
            return Response.status(503).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
