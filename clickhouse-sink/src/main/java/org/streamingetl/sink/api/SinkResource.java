package org.streamingetl.sink.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.sink.SinkService;
import org.streamingetl.sink.pipeline.SinkLoop;
import org.streamingetl.sink.status.StatusBoard;

/** The sink's tables, and resuming one that halted. */
@Path("/sink")
@Produces(MediaType.APPLICATION_JSON)
public class SinkResource {

    @Inject
    StatusBoard board;
    @Inject
    SinkService service;

    @GET
    @Path("/tables")
    @Operation(summary = "State of every table: source topic, ClickHouse table, state, rows written, lag, last error")
    public Collection<SinkTableStatus> tables() {
        return board.tables();
    }

    @POST
    @Path("/tables/{topic}/resume")
    @Operation(summary = "Resume a HALTED table once its cause is fixed: the record it stopped at is read again, or "
            + "with skip=true left behind (it is in the dead-letter topic)")
    public Response resume(@PathParam("topic") String topic, @QueryParam("skip") @DefaultValue("false") boolean skip) {
        SinkLoop loop = service.loop();
        if (loop == null) {
            return Response.status(503).entity(Map.of("error", "the sink is still starting")).build();
        }
        try {
            String what = loop.requestResume(topic, skip).get(10, TimeUnit.SECONDS);
            return Response.accepted(Map.of("topic", topic, "result", what)).build();
        } catch (ExecutionException e) {
            int status = e.getCause() instanceof NoSuchElementException ? 404 : 409;
            return Response.status(status).entity(Map.of("error", e.getCause().getMessage())).build();
        } catch (TimeoutException e) {
            return Response.status(503).entity(Map.of("error", "the sink loop did not answer within 10 s")).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.status(503).build();
        }
    }
}
