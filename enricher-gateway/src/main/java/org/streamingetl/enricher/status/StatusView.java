package org.streamingetl.enricher.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlEvent;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.DriftCheck;
import org.streamingetl.common.control.EnrichmentDeployed;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.common.control.SourceRegistered;
import org.streamingetl.common.control.SourceStatus;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.enricher.engine.Reconciler;

/**
 * Puts the status page together from the latest control-topic event of every entity (key → event): the
 * connector ({@code SourceRegistered}, {@code SourceStatus}), the tables ({@code TableCaptured}, snapshot progress,
 * each sink's {@code SinkTableStatus}, {@code DriftCheck}), the enrichments ({@code EnrichmentDeployed}, with the
 * gateway's own state of those it runs) and the problems among them. Pure: no I/O.
 */
public final class StatusView {

    /** The sink that announces under {@code sink-table/<topic>}; others prefix their consumer group and a colon. */
    static final String DEFAULT_SINK = "clickhouse-sink";
    private static final Set<String> BAD_SINK_STATES = Set.of("HALTED", "REFUSED", "RETRYING");
    private static final ControlCodec CODEC = new ControlCodec("enricher-gateway");

    private StatusView() {
    }

    public static PipelineStatus build(Map<String, ControlEvent> events, Map<String, Reconciler.Status> running,
                                       PipelineStatus.Latency latency, Instant now, long refreshMs) {
        List<PipelineStatus.Problem> problems = new ArrayList<>();
        PipelineStatus.Source source = source(events, problems);
        Map<String, String> snapshots = source == null ? Map.of() : snapshotOf(events);
        Map<String, TableRows> tables = new TreeMap<>();
        List<PipelineStatus.Enrichment> enrichments = new ArrayList<>();
        for (Map.Entry<String, ControlEvent> entry : new TreeMap<>(events).entrySet()) {
            ControlKey key = ControlKey.parse(entry.getKey());
            ControlEvent event = entry.getValue();
            switch (event.type()) {
                case TableCaptured -> {
                    TableCaptured t = CODEC.payload(event, TableCaptured.class);
                    String name = t.database() + "." + t.table();
                    TableRows row = tables.computeIfAbsent(name, n -> new TableRows("source"));
                    row.kind = "source";
                    row.topic = t.topic();
                }
                case SinkTableStatus -> {
                    SinkTableStatus s = CODEC.payload(event, SinkTableStatus.class);
                    String name = s.sourceTable() != null ? s.sourceTable() : s.sourceTopic();
                    String kind = s.sourceTable() == null ? "unannounced"
                            : s.sourceTable().startsWith("enriched.") ? "enriched" : "source";
                    TableRows row = tables.computeIfAbsent(name, n -> new TableRows(kind));
                    if (row.topic == null) {
                        row.topic = s.sourceTopic();
                    }
                    String sink = sinkOf(key);
                    row.sinks.add(new PipelineStatus.SinkState(sink, s.table(), s.state(), s.rowsWritten(), s.lag(),
                            s.lastError(), String.valueOf(event.at())));
                    if (BAD_SINK_STATES.contains(s.state())) {
                        problems.add(new PipelineStatus.Problem("table " + name + " (" + sink + ")",
                                s.state() + (s.lastError() == null ? "" : ": " + s.lastError())));
                    }
                }
                case DriftCheck -> {
                    DriftCheck d = CODEC.payload(event, DriftCheck.class);
                    tables.computeIfAbsent(d.table(), n -> new TableRows("source")).drift = d;
                    if (DriftCheck.DIFFERENT.equals(d.state()) || DriftCheck.FAILED.equals(d.state())) {
                        problems.add(new PipelineStatus.Problem("drift check " + d.table(), d.state()
                                + (d.reason() == null ? "" : ": " + d.reason())
                                + (d.differentChunks().isEmpty() ? "" : ", " + d.differentChunks().size()
                                + " of " + d.chunks() + " chunks differ")));
                    }
                }
                case EnrichmentDeployed -> {
                    EnrichmentDeployed e = CODEC.payload(event, EnrichmentDeployed.class);
                    Reconciler.Status own = running.get(e.name());
                    String state = own != null ? own.state() : e.state();
                    enrichments.add(new PipelineStatus.Enrichment(e.name(), e.engine(), e.outputTopic(), state,
                            own == null ? null : own.reason(), own == null ? null : own.lag()));
                    if (!"RUNNING".equals(state)) {
                        problems.add(new PipelineStatus.Problem("enrichment " + e.name(), state
                                + (own == null || own.reason() == null ? "" : ": " + own.reason())));
                    }
                }
                default -> {
                }
            }
        }
        latency.problems().forEach(problems::add);
        List<PipelineStatus.Table> rows = new ArrayList<>();
        Comparator<PipelineStatus.SinkState> defaultSinkFirst = Comparator
                .comparing((PipelineStatus.SinkState s) -> !DEFAULT_SINK.equals(s.sink()))
                .thenComparing(PipelineStatus.SinkState::sink);
        tables.forEach((name, row) -> rows.add(new PipelineStatus.Table(name, row.kind, row.topic,
                snapshots.get(name), row.sinks.stream().sorted(defaultSinkFirst).toList(), row.drift)));
        return new PipelineStatus(now.toString(), refreshMs, source, rows, enrichments, problems, latency);
    }

    private static PipelineStatus.Source source(Map<String, ControlEvent> events, List<PipelineStatus.Problem> problems) {
        SourceRegistered registered = null;
        SourceStatus status = null;
        String at = null;
        for (ControlEvent event : events.values()) {
            if (event.type() == EventType.SourceRegistered) {
                registered = CODEC.payload(event, SourceRegistered.class);
                at = String.valueOf(event.at());
            } else if (event.type() == EventType.SourceStatus) {
                status = CODEC.payload(event, SourceStatus.class);
            }
        }
        if (registered == null && status == null) {
            problems.add(new PipelineStatus.Problem("connector", "nothing announced yet: is cdc-registrar running?"));
            return null;
        }
        String connector = status != null ? status.connector() : registered.connector();
        String state = status == null ? "UNKNOWN" : status.state();
        if (!"RUNNING".equals(state)) {
            problems.add(new PipelineStatus.Problem("connector " + connector,
                    state + (status == null || status.message() == null ? "" : ": " + status.message())));
        }
        List<SourceStatus.TaskState> tasks = status == null ? List.of() : status.tasks();
        for (SourceStatus.TaskState task : tasks) {
            if (!"RUNNING".equals(task.state())) {
                problems.add(new PipelineStatus.Problem("connector " + connector + " task " + task.id(),
                        task.state() + (task.error() == null ? "" : ": " + task.error())));
            }
        }
        return new PipelineStatus.Source(connector, registered == null ? null : registered.flavor(), state, tasks,
                status == null ? null : status.message(), registered == null ? List.of() : registered.databases(), at);
    }

    private static Map<String, String> snapshotOf(Map<String, ControlEvent> events) {
        for (ControlEvent event : events.values()) {
            if (event.type() == EventType.SourceStatus) {
                return CODEC.payload(event, SourceStatus.class).snapshot();
            }
        }
        return Map.of();
    }

    /** The consumer group of the sink that announced under {@code key}: {@code sink-table/[<group>:]<topic>…}. */
    static String sinkOf(ControlKey key) {
        String name = key.name();
        int colon = name.indexOf(':');
        int slash = name.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash) ? name.substring(0, colon) : DEFAULT_SINK;
    }

    /** A table's row while it is put together. */
    private static final class TableRows {
        String kind;
        String topic;
        final List<PipelineStatus.SinkState> sinks = new ArrayList<>();
        DriftCheck drift;

        TableRows(String kind) {
            this.kind = kind;
        }
    }
}
