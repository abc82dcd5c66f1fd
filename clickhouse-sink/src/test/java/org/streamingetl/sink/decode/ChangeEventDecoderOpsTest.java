package org.streamingetl.sink.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.streamingetl.sink.decode.Envelopes.ORDERS;
import static org.streamingetl.sink.decode.Envelopes.envelope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEventDecoderOpsTest {

    private final ChangeEventDecoder decoder = new ChangeEventDecoder();

    private static Map<String, Object> row(long id, String status) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("status", status);
        return row;
    }

    @Test
    void anInsertHasOnlyAnAfterImage() {
        ChangeEvent e = decoder.decode("shop.shop.orders",
                envelope(ORDERS, "c", "null", "{\"id\": 1, \"status\": \"new\"}"));
        assertEquals('c', e.op());
        assertNull(e.before());
        assertEquals(row(1, "new"), e.after());
        assertEquals(e.after(), e.image());
        assertFalse(e.isDelete());
    }

    @Test
    void theSourceBlockGivesCommitTimeAndBinlogPosition() {
        byte[] record = envelope(ORDERS, "c", "null", "{\"id\": 1, \"status\": \"new\"}");
        for (int pass = 0; pass < 2; pass++) { // the first record parses the schema, the second takes the fast path
            ChangeEvent e = decoder.decode("shop.shop.orders", record);
            assertEquals(1709251199000L, e.sourceTsMs());
            assertEquals(new SourcePosition(1709251199000L, "mysql-bin.000003", 1234), e.source());
            assertTrue(e.source().after("mysql-bin.000003", 1233));
            assertFalse(e.source().after("mysql-bin.000003", 1234));
            assertTrue(e.source().after("mysql-bin.000002", 99999));
            assertFalse(e.source().after("mysql-bin.000010", 4));
        }
    }

    @Test
    void anUpdateHasBothImagesAndIsWrittenWithTheAfterImage() {
        ChangeEvent e = decoder.decode("shop.shop.orders", envelope(ORDERS, "u",
                "{\"id\": 1, \"status\": \"new\"}", "{\"id\": 1, \"status\": \"paid\"}"));
        assertEquals('u', e.op());
        assertEquals(row(1, "new"), e.before());
        assertEquals(row(1, "paid"), e.after());
        assertEquals(row(1, "paid"), e.image());
    }

    @Test
    void aDeleteIsWrittenWithTheBeforeImage() {
        ChangeEvent e = decoder.decode("shop.shop.orders",
                envelope(ORDERS, "d", "{\"id\": 1, \"status\": \"paid\"}", "null"));
        assertTrue(e.isDelete());
        assertNull(e.after());
        assertEquals(row(1, "paid"), e.image());
    }

    @Test
    void aSnapshotReadIsLikeAnInsert() {
        ChangeEvent e = decoder.decode("shop.shop.orders", envelope(ORDERS, "r", "null", "{\"id\": 2, \"status\": null}"));
        assertEquals('r', e.op());
        assertEquals(row(2, null), e.image());
        assertTrue(e.image().containsKey("status"), "a NULL column is a null value, not a missing field");
    }

    @Test
    void aTruncateHasNoImage() {
        ChangeEvent e = decoder.decode("shop.shop.orders", envelope(ORDERS, "t", "null", "null"));
        assertTrue(e.isTruncate());
        assertNull(e.image());
    }

    @Test
    void aTombstoneDecodesToNothing() {
        assertNull(decoder.decode("shop.shop.orders", (byte[]) null));
    }

    @Test
    void fieldsKeepTheSchemaOrder() {
        ChangeEvent e = decoder.decode("shop.shop.orders",
                envelope(ORDERS, "c", "null", "{\"status\": \"new\", \"id\": 1}"));
        assertEquals(List.of("id", "status"), List.copyOf(e.after().keySet()));
    }

    @Test
    void aChangedSchemaOnTheSameTopicIsFollowed() {
        decoder.decode("shop.shop.orders", envelope(ORDERS, "c", "null", "{\"id\": 1, \"status\": \"new\"}"));
        String withNote = ORDERS + ",\n{\"type\": \"string\", \"optional\": true, \"field\": \"note\"}";
        ChangeEvent e = decoder.decode("shop.shop.orders",
                envelope(withNote, "c", "null", "{\"id\": 2, \"status\": \"new\", \"note\": \"gift\"}"));
        assertEquals("gift", e.after().get("note"));
        ChangeEvent old = decoder.decode("shop.shop.orders",
                envelope(ORDERS, "c", "null", "{\"id\": 3, \"status\": \"new\", \"note\": \"ignored\"}"));
        assertFalse(old.after().containsKey("note"), "fields are read by the event's own schema");
    }

    @Test
    void compactRecordsOfAKnownSchemaDecodeTheSameAndASchemaChangeIsSeen() {
        String v1 = "{\"type\":\"struct\",\"fields\":[{\"field\":\"after\",\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int32\"},{\"field\":\"status\",\"type\":\"string\",\"optional\":true}]},"
                + "{\"field\":\"op\",\"type\":\"string\"}]}";
        String v2 = v1.replace("{\"field\":\"status\",\"type\":\"string\",\"optional\":true}",
                "{\"field\":\"status\",\"type\":\"string\",\"optional\":true},{\"field\":\"note\",\"type\":\"string\",\"optional\":true}");
        java.util.function.BiFunction<String, String, byte[]> record = (schema, after) ->
                ("{\"schema\":" + schema + ",\"payload\":{\"before\":null,\"after\":" + after + ",\"op\":\"c\"}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ChangeEvent first = decoder.decode("t", record.apply(v1, "{\"id\":1,\"status\":\"a\"}"));
        ChangeEvent second = decoder.decode("t", record.apply(v1, "{\"id\":2,\"status\":null}"));
        ChangeEvent third = decoder.decode("t", record.apply(v2, "{\"id\":3,\"status\":\"c\",\"note\":\"n\"}"));
        assertEquals(row(1, "a"), first.image());
        assertTrue(second.image().containsKey("status"));
        assertNull(second.image().get("status"));
        assertEquals(2L, second.image().get("id"));
        assertEquals("n", third.image().get("note"), "a changed schema is read, not the cached one");
        assertEquals(first.rowSchema(), second.rowSchema());
    }

    @Test
    void aRecordInsideALargerBufferIsReadInPlaceOnBothPaths() throws Exception {
        // Compact, as JsonConverter writes it: the second read takes the known-schema path.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] record = json.writeValueAsBytes(json.readTree(envelope(ORDERS, "u", "{\"id\": 1, \"status\": \"new\"}",
                "{\"id\": 1, \"status\": \"paid\"}")));
        byte[] around = new byte[record.length + 20];
        java.util.Arrays.fill(around, (byte) '#');
        System.arraycopy(record, 0, around, 7, record.length);
        java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(around, 7, record.length).slice();
        // First record of the topic: the schema is parsed; second: only the payload.
        for (int i = 0; i < 2; i++) {
            ChangeEvent e = decoder.decode("shop.shop.orders", view);
            assertEquals('u', e.op());
            assertEquals(row(1, "new"), e.before());
            assertEquals(row(1, "paid"), e.after());
            assertEquals(0, view.position());
        }
        java.nio.ByteBuffer offHeap = java.nio.ByteBuffer.allocateDirect(record.length).put(record).flip();
        ChangeEvent direct = decoder.decode("shop.shop.orders", offHeap);
        assertEquals(row(1, "paid"), direct.after());
    }
}
