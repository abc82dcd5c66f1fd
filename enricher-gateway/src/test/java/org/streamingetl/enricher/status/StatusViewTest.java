package org.streamingetl.enricher.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.DriftCheck;
import org.streamingetl.common.control.EnrichmentDeployed;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.common.control.SourceRegistered;
import org.streamingetl.common.control.SourceStatus;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.enricher.engine.Reconciler;

class StatusViewTest {

    private static final ControlCodec CODEC = new ControlCodec("test");
    private static final PipelineStatus.Latency NO_LATENCY =
            new PipelineStatus.Latency(List.of(), List.of(), 600_000, 5_000, List.of());

    private final Map<String, org.streamingetl.common.control.ControlEvent> events = new LinkedHashMap<>();

    private void put(String key, EventType type, Object payload) {
        events.put(key, CODEC.event(type, payload));
    }

    private PipelineStatus build(Map<String, Reconciler.Status> running) {
        return StatusView.build(events, running, NO_LATENCY, Instant.parse("2026-12-03T12:00:00Z"), 3000);
    }

    @Test
    void tablesJoinTheirAnnouncementSnapshotSinksAndDriftCheck() {
        put("source/c", EventType.SourceRegistered, new SourceRegistered("c", "mariadb", "X", "p", List.of("db")));
        put("source-status/c", EventType.SourceStatus, new SourceStatus("c", "RUNNING",
                List.of(new SourceStatus.TaskState(0, "RUNNING", null)), Map.of("db.t", "initial snapshot completed: 3 rows"), null));
        put("table/db.t", EventType.TableCaptured, new TableCaptured("db", "t", "p.db.t", List.of("id"), List.of(), Map.of()));
        put("sink-table/p.db.t", EventType.SinkTableStatus, new SinkTableStatus("p.db.t", "db.t", "RUNNING", 3, 0, null, "db.t"));
        put("sink-table/clickhouse-sink-modern:p.db.t", EventType.SinkTableStatus,
                new SinkTableStatus("p.db.t", "db.t", "RUNNING", 2, 1, null, "db.t"));
        put("drift/db.t", EventType.DriftCheck, new DriftCheck("db.t", "c1", "EQUAL", null, 3, 1, List.of(), "a", "b"));
        put("table/db.empty", EventType.TableCaptured, new TableCaptured("db", "empty", "p.db.empty", List.of("id"), List.of(), Map.of()));

        PipelineStatus status = build(Map.of());

        assertEquals(List.of(), status.problems());
        assertEquals("RUNNING", status.source().state());
        assertEquals("mariadb", status.source().flavor());
        assertEquals(List.of("db.empty", "db.t"), status.tables().stream().map(PipelineStatus.Table::name).toList());
        PipelineStatus.Table t = status.tables().get(1);
        assertEquals("source", t.kind());
        assertEquals("initial snapshot completed: 3 rows", t.snapshot());
        assertEquals(List.of("clickhouse-sink", "clickhouse-sink-modern"), t.sinks().stream().map(PipelineStatus.SinkState::sink).toList());
        assertEquals(3, t.sinks().get(0).rowsWritten());
        assertEquals("EQUAL", t.drift().state());
        assertEquals(List.of(), status.tables().get(0).sinks(), "announced, no row yet: no sink status");
        assertNull(status.tables().get(0).drift());
    }

    @Test
    void problemsNameWhereAndWhat() {
        put("source-status/c", EventType.SourceStatus, new SourceStatus("c", "RUNNING",
                List.of(new SourceStatus.TaskState(0, "FAILED", "Access denied")), Map.of(), null));
        put("sink-table/p.db.t", EventType.SinkTableStatus,
                new SinkTableStatus("p.db.t", "db.t", "HALTED", 1, 5, "malformed record at offset 7", "db.t"));
        put("sink-table/p.db.ok", EventType.SinkTableStatus,
                new SinkTableStatus("p.db.ok", "db.ok", "RUNNING", 1, 0, "an earlier retry", "db.ok"));
        put("drift/db.t", EventType.DriftCheck, new DriftCheck("db.t", "c1", "DIFFERENT", null, 3000, 3,
                List.of(new DriftCheck.Chunk(2, List.of("2000"), List.of("3000"), 1000, 1000)), "a", "b"));
        put("enrichment/e", EventType.EnrichmentDeployed, new EnrichmentDeployed("e", "streams", "p.enriched.e", List.of(), List.of(), "RUNNING"));

        PipelineStatus status = build(Map.of("e", new Reconciler.Status("e", "streams", "FAILED", "input missing",
                List.of(), "p.enriched.e", 0)));

        List<String> problems = status.problems().stream().map(p -> p.where() + ": " + p.message()).toList();
        assertEquals(List.of(
                "connector c task 0: FAILED: Access denied",
                "drift check db.t: DIFFERENT, 1 of 3 chunks differ",
                "enrichment e: FAILED: input missing",
                "table db.t (clickhouse-sink): HALTED: malformed record at offset 7"), problems);
        assertEquals("FAILED", status.enrichments().get(0).state(), "the gateway's own view of what it runs wins");
        assertTrue(status.tables().stream().anyMatch(t -> t.name().equals("db.ok")
                && "an earlier retry".equals(t.sinks().get(0).lastError())), "a running table keeps its last error");
    }

    @Test
    void nothingAnnouncedSaysSo() {
        PipelineStatus status = build(Map.of());
        assertNull(status.source());
        assertEquals("connector", status.problems().get(0).where());
    }

    @Test
    void theSinkIsTheConsumerGroupBeforeTheColon() {
        assertEquals("clickhouse-sink", StatusView.sinkOf(org.streamingetl.common.control.ControlKey.parse("sink-table/p.db.t")));
        assertEquals("clickhouse-sink", StatusView.sinkOf(org.streamingetl.common.control.ControlKey.parse("sink-table/p.db.t/db.a b")));
        assertEquals("g2", StatusView.sinkOf(org.streamingetl.common.control.ControlKey.parse("sink-table/g2:p.db.t")));
    }
}
