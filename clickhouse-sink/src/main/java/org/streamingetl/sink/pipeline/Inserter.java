package org.streamingetl.sink.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.encode.RowBinaryOutput;

/**
 * Writes batches into ClickHouse on a thread of its own, one at a time, so the sink loop decodes the next batch
 * while ClickHouse takes the last one (on two cores the loop would otherwise wait a fifth of its time). The loop
 * learns the outcome through {@link #finished} and only then commits the batch's offsets.
 */
public final class Inserter implements AutoCloseable {

    /** Where the rows go: ClickHouse's insert ({@code ClickHouseGateway::insert}). */
    @FunctionalInterface
    public interface Destination {
        /** Inserts the rows into the table; returns when ClickHouse acknowledged them, else throws. */
        void insert(String qualifiedTable, List<String> columns, RowBinaryOutput rows, String queryId);
    }

    /** The outcome of one insert: {@code failure} is null when ClickHouse acknowledged the rows. */
    record Finished(SinkTable table, Batch batch, String target, ClickHouseRequestException failure, Duration took) {
    }

    private final Destination destination;
    private final Executor executor;
    private CompletableFuture<Finished> inFlight;

    /** Inserts on a thread of its own ({@code clickhouse-insert}). */
    public Inserter(Destination destination) {
        this(destination, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clickhouse-insert");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Inserts on {@code executor} (one insert at a time); closing shuts it down when it is an ExecutorService. */
    Inserter(Destination destination, Executor executor) {
        this.destination = destination;
        this.executor = executor;
    }

    /** Starts writing {@code batch} of {@code table} into {@code target}; the previous insert must be finished. */
    void start(SinkTable table, Batch batch, String target, List<String> columns) {
        if (inFlight != null) {
            throw new IllegalStateException("an insert is already in flight");
        }
        inFlight = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            ClickHouseRequestException failure = null;
            try {
                destination.insert(target, columns, batch.rows(), batch.queryId());
            } catch (ClickHouseRequestException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new ClickHouseRequestException("inserting into " + target + " failed: " + e, e);
            }
            return new Finished(table, batch, target, failure, Duration.ofNanos(System.nanoTime() - start));
        }, executor);
    }

    /** The insert in flight once it is done ({@code wait}: waits for it), else null; null too when none. */
    Finished finished(boolean wait) {
        if (inFlight == null || (!wait && !inFlight.isDone())) {
            return null;
        }
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an insert", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("insert task failed", e.getCause());
        } finally {
            if (inFlight.isDone()) {
                inFlight = null;
            }
        }
    }

    @Override
    public void close() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
