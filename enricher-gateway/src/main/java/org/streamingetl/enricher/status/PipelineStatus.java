package org.streamingetl.enricher.status;

import java.util.List;
import org.streamingetl.common.control.DriftCheck;
import org.streamingetl.common.control.SourceStatus;

/**
 * What the status page shows ({@code GET /pipeline/status}), built from the control topic's latest events and the
 * sinks' latency histograms.
 *
 * @param at          when this was put together (ISO-8601)
 * @param refreshMs   how often the page reloads it
 * @param source      the Debezium connector as cdc-registrar announces it; null before any announcement
 * @param tables      every captured table, enriched table and topic a sink reports, sorted by name
 * @param enrichments the enrichments enricher-gateway announced
 * @param problems    everything that needs a look, the connector's first: connector and tasks not running, tables halted,
 *                    refused or retrying, drift checks that found differences or failed, enrichments not running,
 *                    sinks whose metrics do not answer
 * @param latency     the per-hop latency of the last minutes
 */
public record PipelineStatus(String at, long refreshMs, Source source, List<Table> tables,
                             List<Enrichment> enrichments, List<Problem> problems, Latency latency) {

    /** The connector: name, flavour, its and its tasks' state, why when something is wrong. */
    public record Source(String connector, String flavor, String state, List<SourceStatus.TaskState> tasks,
                         String message, List<String> databases, String announcedAt) {
    }

    /**
     * One table: {@code kind} {@code source} (announced by cdc-registrar), {@code enriched} (an enrichment's output)
     * or {@code unannounced} (a topic a sink reads that nothing announced); its topic, snapshot progress, every
     * sink writing it, and its last drift check (null: none yet).
     */
    public record Table(String name, String kind, String topic, String snapshot, List<SinkState> sinks,
                        DriftCheck drift) {
    }

    /**
     * One sink's state of a table ({@code SinkTableStatus}): the sink's consumer group ({@code clickhouse-sink} for
     * the default one), the ClickHouse table, its state, rows written since that sink started, records behind the
     * end of the topic, the last error, and when it was announced.
     */
    public record SinkState(String sink, String clickhouseTable, String state, long rowsWritten, long lag,
                            String lastError, String at) {
    }

    /** An enrichment: as announced, with the gateway's own view of its state, why and its lag when it runs here. */
    public record Enrichment(String name, String engine, String outputTopic, String state, String reason,
                             Long lag) {
    }

    /** Something that needs a look: where ({@code connector}, {@code table db.t}, …) and what. */
    public record Problem(String where, String message) {
    }

    /**
     * The latency plot: the sinks read, why some could not be read, the window and interval, and the points.
     */
    public record Latency(List<String> sinks, List<Problem> problems, long windowMs, long intervalMs,
                          List<LatencyHistory.Point> points) {
    }
}
