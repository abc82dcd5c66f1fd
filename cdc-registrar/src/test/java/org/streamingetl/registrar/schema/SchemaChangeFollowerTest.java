package org.streamingetl.registrar.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.streamingetl.common.topics.TableId;

class SchemaChangeFollowerTest {

    @Test
    void debeziumTableIdsInBothForms() {
        assertEquals(new TableId("shop", "orders"), SchemaChangeFollower.parseId("\"shop\".\"orders\""));
        assertEquals(new TableId("shop", "orders"), SchemaChangeFollower.parseId("shop.orders"));
        assertNull(SchemaChangeFollower.parseId("orders"));
    }
}
