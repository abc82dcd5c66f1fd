package org.streamingetl.sink.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;

/** ksqlDB's output for the demo's enrichment (a labelled contract fixture: ksqlDB cannot run here). */
class PlainJsonDecoderTest {

    /** The columns enricher-gateway announces for orders_enriched (typed like the MySQL columns they come from). */
    static final TableCaptured ORDERS_ENRICHED = new TableCaptured("enriched", "orders_enriched",
            "streaming_etl.enriched.orders_enriched", List.of("order_id"), List.of(
            column("order_id", 1, "bigint", null, null, null, false),
            column("customer_id", 2, "int", null, null, null, true),
            column("amount", 3, "decimal", 12, 2, null, true),
            column("created_at", 4, "datetime", null, null, 6, true),
            column("customer_name", 5, "varchar", null, null, null, true),
            column("country", 6, "char", null, null, null, true)));

    private final PlainJsonDecoder decoder = new PlainJsonDecoder();

    static ColumnDefinition column(String name, int position, String type, Integer precision, Integer scale,
                                   Integer fsp, boolean nullable) {
        return new ColumnDefinition(name, position, type, type, null, precision, scale, fsp, false, nullable, List.of());
    }

    private List<ChangeEvent> recorded() throws IOException {
        List<ChangeEvent> events = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/ksqldb/orders_enriched.records")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split("\t", 2);
                events.add(decoder.decode(ORDERS_ENRICHED, utf8(kv[0]), kv[1].equals("null") ? null : utf8(kv[1])));
            }
        }
        return events;
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rowsAreUpsertsOfTheirKeyWithEveryColumnDecodedByItsType() throws IOException {
        List<ChangeEvent> events = recorded();
        assertEquals(4, events.size());
        ChangeEvent first = events.get(0);
        assertEquals('c', first.op());
        Map<String, Object> row = first.after();
        assertEquals(1L, row.get("order_id"));
        assertEquals(7L, row.get("customer_id"));
        assertEquals(new BigDecimal("12.50"), row.get("amount"));
        assertEquals(LocalDateTime.of(2026, 11, 25, 10, 0, 0, 123_456_000), row.get("created_at"));
        assertEquals("Ann", row.get("customer_name"));
        assertEquals("FR", row.get("country"));

        Map<String, Object> unmatched = events.get(1).after();
        assertEquals(new BigDecimal("999.99"), unmatched.get("amount"));
        assertTrue(unmatched.containsKey("customer_name"));
        assertNull(unmatched.get("customer_name"));

        Map<String, Object> updated = events.get(2).after();
        assertEquals(1L, updated.get("order_id"));
        assertEquals(new BigDecimal("-0.05"), updated.get("amount"));
        assertEquals("Ann-Marie", updated.get("customer_name"));
    }

    @Test
    void aTombstoneDeletesItsKey() throws IOException {
        ChangeEvent delete = recorded().get(3);
        assertTrue(delete.isDelete());
        assertNull(delete.after());
        assertEquals(Map.of("order_id", 2L), delete.before());
        assertEquals(delete.before(), delete.image());
    }

    @Test
    void aKeyOfSeveralColumnsIsAnObject() {
        TableCaptured twoKeys = new TableCaptured("enriched", "lines", "p.enriched.lines", List.of("order_id", "line"),
                List.of(column("order_id", 1, "bigint", null, null, null, false),
                        column("line", 2, "smallint", null, null, null, false),
                        column("sku", 3, "varchar", null, null, null, true)));
        ChangeEvent event = decoder.decode(twoKeys, utf8("{\"order_id\":5,\"line\":2}"), utf8("{\"sku\":\"A-1\"}"));
        assertEquals(Map.of("order_id", 5L, "line", 2L, "sku", "A-1"), event.after());
        String missing = assertThrows(MalformedRecordException.class,
                () -> decoder.decode(twoKeys, utf8("{\"order_id\":5}"), null)).getMessage();
        assertTrue(missing.contains("key column line"), missing);
    }

    @Test
    void whatKsqlDbDoesNotWriteIsRefusedWithTheReason() {
        String noKey = assertThrows(MalformedRecordException.class,
                () -> decoder.decode(ORDERS_ENRICHED, null, utf8("{}"))).getMessage();
        assertTrue(noKey.contains("without a key"), noKey);
        String notObject = assertThrows(MalformedRecordException.class,
                () -> decoder.decode(ORDERS_ENRICHED, utf8("1"), utf8("[1,2]"))).getMessage();
        assertTrue(notObject.contains("not a JSON object"), notObject);
        String badValue = assertThrows(MalformedRecordException.class,
                () -> decoder.decode(ORDERS_ENRICHED, utf8("1"), utf8("{\"amount\":\"not base64!\"}"))).getMessage();
        assertTrue(badValue.startsWith("column amount"), badValue);
        String notJson = assertThrows(MalformedRecordException.class,
                () -> decoder.decode(ORDERS_ENRICHED, utf8("1"), utf8("{\"amount\":"))).getMessage();
        assertTrue(notJson.startsWith("not JSON"), notJson);
    }
}
