package org.streamingetl.sink.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.clickhouse.TableManager;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.mapping.DdlBuilder;
import org.streamingetl.sink.mapping.ServerCapabilities;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.TypeMapper;

class SinkTableTest {

    private static final ServerCapabilities LEGACY = ServerCapabilities.forVersion("18.16.1");
    private static final TableManager DEFINER = new TableManager(null, new TypeMapper(LEGACY), new DdlBuilder(LEGACY), Map.of());
    private static final TopicPartition P0 = new TopicPartition("p.db.t", 0);

    private static ColumnDefinition column(String name, int position, String type, boolean nullable) {
        return new ColumnDefinition(name, position, type, type, null, null, null, null, false, nullable, List.of());
    }

    private static TableCaptured captured(ColumnDefinition... columns) {
        return new TableCaptured("db", "t", "p.db.t", List.of("id"), List.of(columns));
    }

    private static SinkTable tableWith(TableCaptured captured) {
        SinkTable table = new SinkTable("p.db.t");
        TableDefinition definition = DEFINER.define(captured);
        table.use(captured, definition);
        return table;
    }

    private static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    @Test
    void aRowEndsWithVersionDeletedFlagAndIngestionTime() {
        SinkTable table = tableWith(captured(column("id", 1, "int", false)));
        table.append(new ChangeEvent('c', null, row("id", 5L)), 42, 1_700_000_000L);
        RowBinaryOutput expected = new RowBinaryOutput(32);
        expected.writeInt32(5);
        expected.writeInt64(42);
        expected.writeByte(0);
        expected.writeInt32(1_700_000_000);
        assertArrayEquals(expected.toByteArray(), table.rows().toByteArray());
        assertEquals(List.of("id", "_version", "_deleted", "_ingested_at"), table.insertColumns());
    }

    @Test
    void aDeleteWritesTheBeforeImageFlaggedDeleted() {
        SinkTable table = tableWith(captured(column("id", 1, "int", false)));
        table.append(new ChangeEvent('d', row("id", 9L), null), 7, 0);
        byte[] bytes = table.rows().toByteArray();
        assertEquals(9, bytes[0]);
        assertEquals(1, bytes[4 + 8]);
    }

    @Test
    void aValueThatDoesNotFitRejectsTheRowAndLeavesTheBatchAsItWas() {
        SinkTable table = tableWith(captured(column("id", 1, "int", false), column("n", 2, "tinyint", false)));
        table.append(new ChangeEvent('c', null, row("id", 1L, "n", 1L)), 1, 0);
        int size = table.bytes();
        assertThrows(RowRejectedException.class,
                () -> table.append(new ChangeEvent('c', null, row("id", 2L, "n", 1000L)), 2, 0));
        assertEquals(size, table.bytes());
        assertEquals(1, table.rowCount());
    }

    @Test
    void aFieldTheEventLacksGetsTheColumnsMissingValue() {
        SinkTable table = tableWith(captured(column("id", 1, "int", false), column("added", 2, "int", false)));
        table.append(new ChangeEvent('c', null, row("id", 1L)), 1, 0);
        byte[] bytes = table.rows().toByteArray();
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, Arrays.copyOf(bytes, 8));
    }

    @Test
    void unknownFieldsAreNewColumnsButDroppedColumnsAreNot() {
        SinkTable table = tableWith(captured(column("id", 1, "int", false), column("old", 2, "int", true)));
        assertNull(table.unknownField(row("id", 1L, "old", 2L)));
        assertEquals("brand_new", table.unknownField(row("id", 1L, "brand_new", 3L)));
        TableCaptured withoutOld = captured(column("id", 1, "int", false));
        table.use(withoutOld, DEFINER.define(withoutOld));
        assertNull(table.unknownField(row("id", 1L, "old", 2L)), "events from before the DROP COLUMN still carry it");
    }

    @Test
    void committedOffsetIsTheNextOneToRead() {
        SinkTable table = tableWith(captured(column("id", 1, "int", false)));
        table.consumed(P0, 10);
        table.consumed(P0, 11);
        assertEquals(Map.of(P0, new OffsetAndMetadata(12)), table.offsetsToCommit());
        table.flushed(0);
        assertEquals(Map.of(), table.offsetsToCommit());
    }

    @Test
    void retryBackoffDoublesUpToTheMaximum() {
        SinkTable table = tableWith(captured(column("id", 1, "int", false)));
        Duration initial = Duration.ofMillis(500);
        Duration max = Duration.ofSeconds(2);
        table.retryLater("down", initial, max);
        assertEquals(initial, table.backoff());
        table.retryLater("down", initial, max);
        assertEquals(Duration.ofSeconds(1), table.backoff());
        table.retryLater("down", initial, max);
        table.retryLater("down", initial, max);
        assertEquals(max, table.backoff());
        assertEquals(TableState.RETRYING, table.state());
    }
}
