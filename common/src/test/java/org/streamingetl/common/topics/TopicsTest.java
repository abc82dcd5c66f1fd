package org.streamingetl.common.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void dataTopicsAreSanitisedAsDebeziumDoes() {
        assertEquals("etl.shop.weird-name.x", topics.data("shop", "weird-name.x"));
        assertEquals("etl.shop.a_b", topics.data("shop", "a b"));
        assertEquals("etl.shop._n_", topics.data("shop", "ünï"));
        assertEquals("etl.shop.MixedCase_t_", topics.data("shop", "MixedCase€tß"));
        assertEquals("etl.shop.order", topics.data("shop", "order"));
        // a letter outside the BMP is two UTF-16 units, hence two underscores (Debezium works on chars)
        assertEquals("etl.shop.x__", topics.data("shop", "x\uD83D\uDE00"));
        assertEquals("etl.shop.a_b", topics.data("shop", "a`b"));
    }

    @Test
    void longNamesAreCutAtKafkasLimit() {
        String table = "t".repeat(300);
        String topic = topics.data("shop", table);
        assertEquals(Topics.MAX_TOPIC_LENGTH, topic.length());
        assertTrue(topic.startsWith("etl.shop.ttt"));
        assertEquals(topics.data("shop", "t".repeat(400)), topic, "names cut to the same topic collide");
        String sixtyFour = "x".repeat(64);
        assertEquals("etl.shop." + sixtyFour, topics.data("shop", sixtyFour));
    }

    @Test
    void thePatternMatchesEveryDataTopicAndNoInternalOne() {
        for (String topic : new String[] {"etl.shop.orders", "etl.shop.weird-name.x", "etl.shop.a.b.c",
                "etl.enriched.orders_enriched", "etl.control.x"}) {
            assertTrue(topics.isDataTopic(topic), topic);
            assertFalse(topics.isInternal(topic), topic);
        }
        for (String topic : new String[] {"etl", "etl.control", "etl.dlq", "etl.notifications", "etl.schema-history",
                "etl.transaction"}) {
            assertFalse(topics.isDataTopic(topic), topic);
            assertTrue(topics.isInternal(topic), topic);
        }
        assertFalse(topics.isDataTopic("other.shop.orders"));
        assertFalse(topics.isDataTopic("etlx.shop.orders"));
        assertFalse(topics.isDataTopic("etl.shop."));
        assertFalse(topics.isDataTopic("__debezium-heartbeat.etl"));
    }
}
