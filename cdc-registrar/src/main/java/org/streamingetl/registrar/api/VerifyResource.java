package org.streamingetl.registrar.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.streamingetl.registrar.verify.DriftChecks;

/** The drift check: MySQL against ClickHouse, chunk by chunk, exact while changes flow (README, "Drift check"). */
@Path("/source/verify")
@Produces(MediaType.APPLICATION_JSON)
public class VerifyResource {

    @Inject
    DriftChecks checks;

    /** The tables to check or repair, as {@code db.table}; empty or absent: all. */
    public record TablesRequest(List<String> tables) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresToken
    @SecurityRequirement(name = "token")
    @Operation(summary = "Start a drift check of the tables (empty: every captured table); results on GET /source/verify")
    public Response start(TablesRequest request) {
        try {
            String id = checks.start(request == null ? null : request.tables());
            return Response.accepted(Map.of("action", "verify", "checkId", id)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("error", e.getMessage())).build();
        } catch (java.sql.SQLException | IllegalStateException | org.apache.kafka.common.KafkaException e) {
            return Response.status(503).entity(Map.of("error", e.getMessage())).build();
        }
    }

    @GET
    @Operation(summary = "The last drift check of each table: state (RUNNING, EQUAL, DIFFERENT, FAILED, REPAIRING), "
            + "rows compared, chunks, the differing chunks' key ranges")
    public Response results() {
        return Response.ok(Map.of("tables", checks.results())).build();
    }

    @POST
    @Path("/repair")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresToken
    @SecurityRequirement(name = "token")
    @Operation(summary = "Re-send the tables whose last check is DIFFERENT (incremental snapshot); check again after")
    public Response repair(TablesRequest request) {
        try {
            List<String> tables = checks.repair(request == null ? null : request.tables());
            return Response.accepted(Map.of("action", "repair", "tables", tables)).build();
        } catch (java.sql.SQLException | IllegalStateException e) {
            return Response.status(503).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
