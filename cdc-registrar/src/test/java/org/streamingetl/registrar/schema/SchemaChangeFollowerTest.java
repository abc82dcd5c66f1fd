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

    private static SchemaChangeFollower.SchemaChange change(String ddl, String snapshot) {
        java.util.Map<String, Object> kafka = java.util.Map.of("bootstrap.servers", "127.0.0.1:1");
        SchemaChangeFollower follower = new SchemaChangeFollower(kafka, "test", "topic", null, (t, r) -> { },
                java.util.Set.of("shop"), new org.streamingetl.common.registry.ConnectRecords(java.util.Optional.empty()));
        String json = "{\"payload\":{\"source\":{\"snapshot\":\"" + snapshot + "\"},\"databaseName\":\"shop\","
                + "\"ddl\":\"" + ddl + "\",\"tableChanges\":[]}}";
        return follower.changeOf(new org.apache.kafka.clients.consumer.ConsumerRecord<>("topic", 0, 0L, null,
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aRenameOutsideDebeziumsSnapshotIsReSent() {
        SchemaChangeFollower.SchemaChange c = change("RENAME TABLE a TO b", "false");
        assertEquals(java.util.Set.of(new TableId("shop", "b")), c.resend());
        assertEquals(java.util.Set.of(new TableId("shop", "a"), new TableId("shop", "b")), c.tables());
    }

    @Test
    void debeziumsOwnSnapshotOfTheSchemaReSendsNothing() {
        SchemaChangeFollower.SchemaChange c = change("DROP TABLE IF EXISTS `shop`.`t`", "true");
        assertEquals(java.util.Set.of(), c.dropped());
        assertEquals(java.util.Set.of(), c.resend());
        assertEquals(true, c.fromSnapshot());
        assertEquals(java.util.Set.of(new TableId("shop", "t")), change("DROP TABLE `shop`.`t`", "false").dropped());
    }
}
