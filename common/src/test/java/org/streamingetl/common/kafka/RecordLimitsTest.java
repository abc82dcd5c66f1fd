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
}
