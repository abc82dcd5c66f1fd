package org.streamingetl.registrar.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLimitsTest {

    @Test
    void onlyTopicsBelowTheLimitAreRaised() {
        assertEquals(List.of("p.db.a", "p.db.c"), TopicLimits.below(Map.of("p.db.a", 1048588L, "p.db.b", 200_000_000L,
                "p.db.c", 6_000_000L), 180005546L));
    }

    @Test
    void theConnectorsTopicsAreItsDataTopicsAndItsSchemaTopic() {
        List<String> dbs = List.of("shop");
        assertTrue(TopicLimits.isConnectorTopic("p", "p", dbs));
        assertTrue(TopicLimits.isConnectorTopic("p.shop.orders", "p", dbs));
        assertFalse(TopicLimits.isConnectorTopic("p.control", "p", dbs));
        assertFalse(TopicLimits.isConnectorTopic("p.connect-offsets", "p", dbs));
        assertFalse(TopicLimits.isConnectorTopic("p.other.t", "p", dbs));
    }
}
