package org.streamingetl.registrar.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.streamingetl.common.topics.TableId;

/** Debezium's table ids in schema change events. */
class SchemaChangeFollowerTest {

    @Test
    void aQuotedIdIsDatabaseAndTable() {
        assertEquals(new TableId("shop", "orders"), SchemaChangeFollower.parseId("\"shop\".\"orders\""));
        assertEquals(new TableId("my.db", "t.1"), SchemaChangeFollower.parseId("\"my.db\".\"t.1\""));
    }

    @Test
    void anUnquotedIdSplitsAtTheFirstDot() {
        assertEquals(new TableId("shop", "orders"), SchemaChangeFollower.parseId("shop.orders"));
        assertEquals(new TableId("shop", "orders"), SchemaChangeFollower.parseId("  shop.orders "));
    }

    @Test
    void garbageIsNoTable() {
        assertNull(SchemaChangeFollower.parseId("orders"));
        assertNull(SchemaChangeFollower.parseId(""));
        assertNull(SchemaChangeFollower.parseId(".orders"));
        assertNull(SchemaChangeFollower.parseId("\"shop\""));
        assertNull(SchemaChangeFollower.parseId("shop."));
        assertNull(SchemaChangeFollower.parseId("\"\".\"orders\""));
        assertNull(SchemaChangeFollower.parseId("\"shop\".\"\""));
        assertNull(SchemaChangeFollower.parseId("\".\""));
        assertNull(SchemaChangeFollower.parseId("\"a\".\""));
        assertNull(SchemaChangeFollower.parseId("\"shop\".\"orders"));
    }
}
