package org.streamingetl.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecordLimitsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aRecordHoldsTheRowTwiceInBase64PlusTheEnvelope() {
        assertEquals(64 * MIB * 8 / 3 + MIB, RecordLimits.maxRecordBytes(64 * MIB));
        assertEquals(30 * MIB * 8 / 3 + MIB, RecordLimits.maxRecordBytes(30 * MIB));
    }

    @Test
    void neverBelowKafkasDefaults() {
        assertEquals(MIB + 2, RecordLimits.maxRecordBytes(1));
        assertEquals(32 * MIB, RecordLimits.producerBufferMemory(1024));
        assertEquals(RecordLimits.maxRecordBytes(64 * MIB) + MIB, RecordLimits.producerBufferMemory(64 * MIB));
    }

    @Test
    void refusesWhatKafkaCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> RecordLimits.maxRecordBytes(0));
        assertThrows(IllegalArgumentException.class, () -> RecordLimits.maxRecordBytes(1024 * MIB));
    }

    @Test
    void jsonReadersTakeStringsLongerThanJacksonsDefault() throws Exception {
        String base64 = "A".repeat(21_000_000);
        byte[] json = ("{\"v\":\"" + base64 + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThrows(Exception.class, () -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        try {
            RecordLimits.allowLongStringsByDefault();
            com.fasterxml.jackson.databind.ObjectMapper lenient = new com.fasterxml.jackson.databind.ObjectMapper();
            assertEquals(21_000_000, lenient.readTree(json).get("v").asText().length());
        } finally {
            com.fasterxml.jackson.core.StreamReadConstraints.overrideDefaultStreamReadConstraints(null);
        }
    }

    @Test
    void producerAndTopicSettings() {
        assertEquals((int) RecordLimits.maxRecordBytes(64 * MIB),
                RecordLimits.producerSettings(64 * MIB).get("max.request.size"));
        assertEquals(Long.toString(RecordLimits.maxRecordBytes(64 * MIB)),
                RecordLimits.topicSettings(64 * MIB).get("max.message.bytes"));
    }
}
