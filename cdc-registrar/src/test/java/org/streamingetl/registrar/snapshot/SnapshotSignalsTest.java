package org.streamingetl.registrar.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.streamingetl.common.topics.TableId;

class SnapshotSignalsTest {

    @Test
    void everyPartIsDoubleQuotedSoHostileNamesParse() {
        assertEquals("\"shop\".\"orders\"", SnapshotSignals.dataCollection(new TableId("shop", "orders")));
        assertEquals("\"shop\".\"weird-name.x\"", SnapshotSignals.dataCollection(new TableId("shop", "weird-name.x")));
        assertEquals("\"shop\".\"Mïxed Çase\"", SnapshotSignals.dataCollection(new TableId("shop", "Mïxed Çase")));
        assertEquals("\"shop\".\"say \"\"hi\"\"\"", SnapshotSignals.dataCollection(new TableId("shop", "say \"hi\"")));
    }

    @Test
    void theSignallingTableIsNamedDbDotTable() {
        assertEquals(new TableId("shop", "debezium_signal"), SnapshotSignals.table("shop.debezium_signal"));
    }
}
