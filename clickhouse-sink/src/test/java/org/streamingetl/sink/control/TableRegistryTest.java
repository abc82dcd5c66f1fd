package org.streamingetl.sink.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.topics.Topics;

class TableRegistryTest {

    private final ControlCodec codec = new ControlCodec("test");
    private final Topics topics = new Topics("etl");
    private final TableRegistry registry = new TableRegistry(codec, topics);

    private TableCaptured announce(String db, String table) {
        TableCaptured captured = new TableCaptured(db, table, topics.data(db, table), List.of("id"),
                List.of(new ColumnDefinition("id", 1, "int", "int", null, null, null, null, false, false, List.of())));
        registry.onEvent(new ControlKey(ControlKey.TABLE, db + "." + table),
                codec.fromJson(codec.toJson(codec.event(EventType.TableCaptured, captured))));
        return captured;
    }

    @Test
    void aDottedTableIsFoundByItsAnnouncedTopic() {
        announce("shop", "weird-name.x");
        assertEquals("weird-name.x", registry.forTopic("etl.shop.weird-name.x").orElseThrow().table());
        registry.onRemoved(new ControlKey(ControlKey.TABLE, "shop.weird-name.x"));
        assertTrue(registry.dropped("etl.shop.weird-name.x"));
        assertEquals("weird-name.x", registry.droppedTable("etl.shop.weird-name.x").orElseThrow().table());
    }

    @Test
    void twoTablesOnOneTopicAreRefusedWithTheReason() {
        announce("shop", "a b");
        assertTrue(registry.forTopic("etl.shop.a_b").isPresent());
        long before = registry.version();
        announce("shop", "a_b");
        assertTrue(registry.version() > before);
        assertTrue(registry.forTopic("etl.shop.a_b").isEmpty(), "never mixed");
        String reason = registry.collision("etl.shop.a_b").orElseThrow();
        assertTrue(reason.contains("'shop.a b' and 'shop.a_b'"), reason);
        assertTrue(reason.contains("etl.shop.a_b"), reason);
        assertEquals(List.of("shop.a b", "shop.a_b"), registry.collidedTables("etl.shop.a_b"));
        // one of them dropped: the topic still carries the other table's (and old) changes, and stays refused
        registry.onRemoved(new ControlKey(ControlKey.TABLE, "shop.a b"));
        assertFalse(registry.dropped("etl.shop.a_b"));
        assertTrue(registry.collision("etl.shop.a_b").isPresent());
        assertTrue(registry.forTopic("etl.shop.a_b").isEmpty());
    }

    @Test
    void anOtherTopicIsNotAffectedByACollision() {
        announce("shop", "a b");
        announce("shop", "a_b");
        announce("shop", "orders");
        assertTrue(registry.forTopic("etl.shop.orders").isPresent());
        assertTrue(registry.collision("etl.shop.orders").isEmpty());
        assertEquals(3, registry.announced().size());
    }

    @Test
    void anEnrichmentsTopicIsKnownAsOneAndASourceTablesIsNot() {
        announce("shop", "orders");
        assertFalse(registry.enrichment("etl.shop.orders"));
        org.streamingetl.common.control.EnrichmentDeployed enrichment = new org.streamingetl.common.control
                .EnrichmentDeployed("orders_enriched", "streams", topics.enriched("orders_enriched"), List.of("id"),
                List.of(new ColumnDefinition("id", 1, "int", "int", null, null, null, null, false, false, List.of())),
                "RUNNING");
        registry.onEvent(new ControlKey(ControlKey.ENRICHMENT, "orders_enriched"),
                codec.fromJson(codec.toJson(codec.event(EventType.EnrichmentDeployed, enrichment))));
        assertTrue(registry.enrichment(topics.enriched("orders_enriched")));
        assertFalse(registry.plainJson(topics.enriched("orders_enriched")), "the streams engine writes envelopes");
    }
}
