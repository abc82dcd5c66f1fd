package org.streamingetl.common.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final Topics topics = new Topics("etl");

    @Test
    void namesFollowTheDesign() {
        assertEquals("etl", topics.schemaChanges());
        assertEquals("etl.control", topics.control());
        assertEquals("etl.dlq", topics.deadLetter());
        assertEquals("etl.shop.orders", topics.data("shop", "orders"));
        assertEquals("etl.enriched.orders_enriched", topics.enriched("orders_enriched"));
    }

    @Test
    void recognisesOnlyDataTopics() {
        assertEquals(Optional.of(new TableId("shop", "orders")), topics.tableOf("etl.shop.orders"));
        assertEquals(Optional.empty(), topics.tableOf("etl.control"));
        assertEquals(Optional.empty(), topics.tableOf("etl"));
        assertEquals(Optional.empty(), topics.tableOf("other.shop.orders"));
        assertEquals(Optional.empty(), topics.tableOf("etl.enriched.x"));
        assertTrue("etl.shop.orders".matches(topics.dataTopicPattern()));
        assertTrue(!"etl.control".matches(topics.dataTopicPattern()));
    }
}
