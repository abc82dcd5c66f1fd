package org.streamingetl.sink.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.sink.status.StatusBoard;

/** Read-only view of the sink's tables. */
@Path("/sink")
@Produces(MediaType.APPLICATION_JSON)
public class SinkResource {

    @Inject
    StatusBoard board;

    @GET
    @Path("/tables")
    @Operation(summary = "State of every table: source topic, ClickHouse table, state, rows written, lag, last error")
    public Collection<SinkTableStatus> tables() {
        return board.tables();
    }
}
