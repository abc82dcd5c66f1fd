package org.streamingetl.sink.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.streamingetl.sink.pipeline.SinkTableTest.column;
import static org.streamingetl.sink.pipeline.SinkTableTest.row;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.config.TableOptions;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.mapping.ServerCapabilities;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.TypeMapper;

/** The rows a table with options gets: a delete row under the sorting key an update leaves; no excluded column. */
class TableOptionsRowsTest {

    private static final TypeMapper MAPPER = new TypeMapper(ServerCapabilities.forVersion("24.8.1"));
    private static final TableOptions OPTIONS = new TableOptions(0, List.of("tenant_id", "id"), null, Set.of("secret"));

    /** shop.orders (id, tenant_id, secret) ordered by (tenant_id, id), secret excluded, as TableManager defines it. */
    private static SinkTable table() {
        TableCaptured captured = SinkTableTest.captured(column("id", "int", false), column("tenant_id", "int", false),
                column("secret", "varchar", true));
        TableDefinition definition = new TableDefinition("shop", "orders", captured.columns().stream()
                .filter(c -> !OPTIONS.excluded(c.name())).map(MAPPER::map).toList(), List.of("id"),
                OPTIONS.orderBy(), OPTIONS);
        SinkTable table = new SinkTable("shop.shop.orders");
        table.use(captured, definition);
        return table;
    }

    private static byte[] rows(long[][] idTenantDeleted, long version) {
        RowBinaryOutput out = new RowBinaryOutput(0);
        for (long[] r : idTenantDeleted) {
            out.writeInt32((int) r[0]);
            out.writeInt32((int) r[1]);
            out.writeInt64(version);
            out.writeByte((int) r[2]);
            out.writeInt32(0);
        }
        return out.toByteArray();
    }

    @Test
    void anUpdateOfAnOrderingColumnDeletesTheRowUnderItsOldKey() {
        SinkTable table = table();
        table.append(new ChangeEvent('u', row("id", 5L, "tenant_id", 1L, "secret", "x"),
                row("id", 5L, "tenant_id", 2L, "secret", "x")), 43, 0);
        assertArrayEquals(rows(new long[][] {{5, 1, 1}, {5, 2, 0}}, 43), table.rows().toByteArray(),
                "first the old key deleted, then the new key alive, both at the change's version");
        assertEquals(2, table.rowCount());
    }

    @Test
    void anUpdateThatKeepsTheSortingKeyWritesOneRow() {
        SinkTable table = table();
        table.append(new ChangeEvent('u', row("id", 5L, "tenant_id", 1L, "secret", "x"),
                row("id", 5L, "tenant_id", 1L, "secret", "y")), 44, 0);
        assertArrayEquals(rows(new long[][] {{5, 1, 0}}, 44), table.rows().toByteArray());
        table.append(new ChangeEvent('d', row("id", 5L, "tenant_id", 1L, "secret", "y"), null), 45, 0);
        assertEquals(2, table.rowCount(), "a delete is one row under its own key");
    }

    @Test
    void anUpdateWithoutTheOldOrderingValueIsRejectedAndLeavesTheBatchAsItWas() {
        SinkTable table = table();
        RowRejectedException e = assertThrows(RowRejectedException.class, () -> table.append(
                new ChangeEvent('u', row("id", 5L), row("id", 5L, "tenant_id", 2L)), 46, 0));
        assertTrue(e.getMessage().startsWith("the update carries no before value of sorting-key column tenant_id"
                + " (table option sink.table-options[0].order-by)"), e.getMessage());
        assertEquals(0, table.rowCount());
        assertEquals(0, table.bytes());
        assertThrows(RowRejectedException.class, () -> table.append(
                new ChangeEvent('u', null, row("id", 5L, "tenant_id", 2L)), 46, 0));
        RowRejectedException delete = assertThrows(RowRejectedException.class, () -> table.append(
                new ChangeEvent('d', row("id", 5L), null), 46, 0), "a key-only delete would miss the sorting key");
        assertTrue(delete.getMessage().startsWith("the delete carries no before value of sorting-key column"),
                delete.getMessage());
        assertEquals(0, table.rowCount());
    }

    @Test
    void anExcludedColumnIsKnownButNeverWritten() {
        SinkTable table = table();
        assertNull(table.unknownField(row("id", 1L, "tenant_id", 1L, "secret", "s")));
        assertEquals("other", table.unknownField(row("id", 1L, "other", 1L)));
        assertEquals(List.of("id", "tenant_id", "_version", "_deleted", "_ingested_at"), table.insertColumns());
        table.append(new ChangeEvent('c', null, row("id", 7L, "tenant_id", 3L, "secret", "s")), 47, 0);
        assertArrayEquals(rows(new long[][] {{7, 3, 0}}, 47), table.rows().toByteArray());
    }
}
