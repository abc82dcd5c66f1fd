package org.streamingetl.sink.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.mapping.ServerCapabilities;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.TypeMapper;

/** How one table's batch is built from change events. */
class SinkTableTest {

    private static final TypeMapper MAPPER = new TypeMapper(ServerCapabilities.forVersion("24.8.1"));

    static ColumnDefinition column(String name, String type, boolean nullable) {
        return new ColumnDefinition(name, 1, type, type, null, null, null, null, false, nullable, List.of());
    }

    static TableCaptured captured(ColumnDefinition... columns) {
        return new TableCaptured("shop", "orders", "shop.shop.orders", List.of("id"), List.of(columns));
    }

    static TableDefinition define(TableCaptured captured) {
        return new TableDefinition(captured.database(), captured.table(),
                captured.columns().stream().map(MAPPER::map).toList(), captured.primaryKey());
    }

    static SinkTable tableOf(ColumnDefinition... columns) {
        SinkTable table = new SinkTable("shop.shop.orders");
        TableCaptured captured = captured(columns);
        table.use(captured, define(captured));
        return table;
    }

    static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    /** The expected bytes: source columns written by the caller, then _version, _deleted, _ingested_at. */
    private static byte[] expectedRow(java.util.function.Consumer<RowBinaryOutput> columns, long version, int deleted,
                                      int ingestedAt) {
        RowBinaryOutput out = new RowBinaryOutput(0);
        columns.accept(out);
        out.writeInt64(version);
        out.writeByte(deleted);
        out.writeInt32(ingestedAt);
        return out.toByteArray();
    }

    @Test
    void aRowIsItsColumnsThenVersionDeletedFlagAndIngestionTime() {
        SinkTable table = tableOf(column("id", "int", false), column("status", "varchar", true));
        table.append(new ChangeEvent('c', null, row("id", 5L, "status", "new")), 42, 1_700_000_000L);
        byte[] expected = expectedRow(out -> {
            out.writeInt32(5);
            out.writeByte(0);
            out.writeString("new");
        }, 42, 0, 1_700_000_000);
        assertArrayEquals(expected, table.rows().toByteArray());
        assertEquals(1, table.rowCount());
        assertEquals(List.of("id", "status", "_version", "_deleted", "_ingested_at"), table.insertColumns());
    }

    @Test
    void anUpdateIsWrittenWithItsAfterImage() {
        SinkTable table = tableOf(column("id", "int", false), column("status", "varchar", true));
        table.append(new ChangeEvent('u', row("id", 5L, "status", "new"), row("id", 5L, "status", "paid")), 43, 0);
        byte[] expected = expectedRow(out -> {
            out.writeInt32(5);
            out.writeByte(0);
            out.writeString("paid");
        }, 43, 0, 0);
        assertArrayEquals(expected, table.rows().toByteArray());
    }

    @Test
    void aDeleteWritesTheBeforeImageFlaggedDeleted() {
        SinkTable table = tableOf(column("id", "int", false), column("status", "varchar", true));
        table.append(new ChangeEvent('d', row("id", 9L, "status", "paid"), null), 7, 1_700_000_000L);
        byte[] expected = expectedRow(out -> {
            out.writeInt32(9);
            out.writeByte(0);
            out.writeString("paid");
        }, 7, 1, 1_700_000_000);
        assertArrayEquals(expected, table.rows().toByteArray());
    }

    @Test
    void aValueThatCannotBeWrittenRejectsTheRowAndLeavesTheBatchAsItWas() {
        SinkTable table = tableOf(column("id", "int", false), column("n", "tinyint", false));
        table.append(new ChangeEvent('c', null, row("id", 1L, "n", 1L)), 1, 0);
        byte[] before = table.rows().toByteArray();

        RowRejectedException e = assertThrows(RowRejectedException.class,
                () -> table.append(new ChangeEvent('c', null, row("id", 2L, "n", 1000L)), 2, 0));
        assertTrue(e.getMessage().startsWith("column n (Int8): "), e.getMessage());
        assertArrayEquals(before, table.rows().toByteArray(), "the half-written row is dropped");
        assertEquals(1, table.rowCount());

        table.append(new ChangeEvent('c', null, row("id", 3L, "n", 3L)), 3, 0);
        assertEquals(2, table.rowCount());
        assertEquals(2 * before.length, table.bytes());
    }

    @Test
    void nullInANotNullColumnIsRejected() {
        SinkTable table = tableOf(column("id", "int", false));
        assertThrows(RowRejectedException.class, () -> table.append(new ChangeEvent('c', null, row("id", null)), 1, 0));
        assertEquals(0, table.bytes());
        assertEquals(0, table.rowCount());
    }

    @Test
    void aFieldTheEventLacksGetsTheColumnsMissingValue() {
        SinkTable table = tableOf(column("id", "int", false), column("qty", "int", false), column("note", "varchar", true));
        table.append(new ChangeEvent('c', null, row("id", 1L)), 1, 0);
        byte[] expected = expectedRow(out -> {
            out.writeInt32(1);
            out.writeInt32(0); // NOT NULL int: its zero
            out.writeByte(1); // Nullable: NULL
        }, 1, 0, 0);
        assertArrayEquals(expected, table.rows().toByteArray());
    }

    @Test
    void aFieldOfNoKnownColumnIsUnknown() {
        SinkTable table = tableOf(column("id", "int", false), column("status", "varchar", true));
        assertNull(table.unknownField(row("id", 1L, "status", "new")));
        assertNull(table.unknownField(row("id", 1L)));
        assertEquals("coupon", table.unknownField(row("id", 1L, "coupon", "X")));
    }

    @Test
    void aFieldOfAColumnDroppedBetweenTwoStructuresIsNotUnknown() {
        SinkTable table = tableOf(column("id", "int", false), column("old", "int", true));
        TableCaptured dropped = captured(column("id", "int", false));
        table.use(dropped, define(dropped));
        assertNull(table.unknownField(row("id", 1L, "old", 2L)), "events from before the DROP COLUMN still carry it");
        assertEquals("coupon", table.unknownField(row("id", 1L, "coupon", "X")));
        assertEquals(List.of("id", "_version", "_deleted", "_ingested_at"), table.insertColumns());

        TableCaptured addedElsewhere = captured(column("id", "int", false), column("coupon", "varchar", true));
        table.use(addedElsewhere, define(addedElsewhere));
        assertNull(table.unknownField(row("id", 1L, "old", 2L)), "a column dropped two structures ago stays known");
    }

    @Test
    void useReturnsTheTableToRunning() {
        SinkTable table = tableOf(column("id", "int", false));
        table.halt("broken");
        assertEquals(TableState.HALTED, table.state());
        TableCaptured again = captured(column("id", "int", false));
        table.use(again, define(again));
        assertEquals(TableState.RUNNING, table.state());
        assertTrue(table.accepting());
    }

    @Test
    void anEventWrittenBeforeAColumnRenameFillsTheRenamedColumn() {
        SinkTable table = tableOf(column("id", "int", false), column("name", "varchar", true));
        TableCaptured renamed = new TableCaptured("shop", "orders", "shop.shop.orders", List.of("id"),
                List.of(column("id", "int", false), column("label", "varchar", true)), Map.of("name", "label"));
        table.use(renamed, define(renamed));

        Map<String, Object> old = row("id", 1L, "name", "before rename");
        assertNull(table.unknownField(old), "the old name is known: events written before the rename carry it");
        table.append(new ChangeEvent('c', null, old), 7, 1_700_000_000L);
        byte[] expected = expectedRow(out -> {
            out.writeInt32(1);
            out.writeByte(0);
            out.writeString("before rename");
        }, 7, 0, 1_700_000_000);
        assertArrayEquals(expected, table.rows().toByteArray());
        assertEquals(List.of("id", "label", "_version", "_deleted", "_ingested_at"), table.insertColumns());
    }

    @Test
    void renamesChainAcrossAnnouncements() {
        SinkTable table = tableOf(column("id", "int", false), column("a", "varchar", true));
        TableCaptured toB = new TableCaptured("shop", "orders", "shop.shop.orders", List.of("id"),
                List.of(column("id", "int", false), column("b", "varchar", true)), Map.of("a", "b"));
        table.use(toB, define(toB));
        TableCaptured toC = new TableCaptured("shop", "orders", "shop.shop.orders", List.of("id"),
                List.of(column("id", "int", false), column("c", "varchar", true)), Map.of("b", "c"));
        table.use(toC, define(toC));
        table.append(new ChangeEvent('c', null, row("id", 1L, "a", "x")), 1, 0);
        byte[] expected = expectedRow(out -> {
            out.writeInt32(1);
            out.writeByte(0);
            out.writeString("x");
        }, 1, 0, 0);
        assertArrayEquals(expected, table.rows().toByteArray());
    }

    @Test
    void aRecordWithChangedColumnTypesMayWaitForItsAnnouncementButNotForever() {
        SinkTable table = tableOf(column("id", "int", false));
        table.append(new ChangeEvent('c', null, row("id", 1L), "schema v1"), 1, 0);
        ChangeEvent sameSchema = new ChangeEvent('c', null, row("id", 2L), "schema v1");
        ChangeEvent newSchema = new ChangeEvent('c', null, row("id", 9_000_000_000L), "schema v2");
        assertEquals(false, table.mayAwaitAnnouncement(sameSchema), "same schema: a bad value is just bad");
        assertTrue(table.mayAwaitAnnouncement(newSchema));

        assertTrue(table.awaitAnnouncement("waiting", java.time.Duration.ofMinutes(1)));
        assertEquals(TableState.WAITING_FOR_SCHEMA, table.state());
        assertEquals(false, table.schemaWaitDue(java.time.Duration.ofMinutes(1)));
        assertTrue(table.schemaWaitDue(java.time.Duration.ZERO));
        assertEquals(false, table.awaitAnnouncement("waiting", java.time.Duration.ZERO), "the wait is over");
        assertEquals(false, table.mayAwaitAnnouncement(newSchema));
    }

    @Test
    void aFieldOfAFormerColumnIsKnownEvenToASinkThatNeverSawIt() {
        SinkTable table = new SinkTable("shop.shop.orders");
        TableCaptured latest = new TableCaptured("shop", "orders", "shop.shop.orders", List.of("id"),
                List.of(column("id", "int", false)), Map.of(), List.of("dropped_long_ago"));
        table.use(latest, define(latest));
        assertNull(table.unknownField(row("id", 1L, "dropped_long_ago", "x")), "written before the column was dropped");
        assertEquals("brand_new", table.unknownField(row("id", 1L, "brand_new", "y")), "a new column still waits");
    }
}
