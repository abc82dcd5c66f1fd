package org.streamingetl.sink.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.registry.SchemaUnavailableException;

/**
 * Avro change events as Apicurio's AvroConverter writes Debezium's (Connect types noted as {@code connect.name} and
 * {@code connect.parameters}, optional columns as {@code ["null", T]} unions), decoded to the same canonical values
 * as the JSON decoder gives.
 */
class AvroChangeEventDecoderTest {

    private static final String ROW = """
            {"type": "record", "name": "Value", "namespace": "p.db.t", "fields": [
              {"name": "id", "type": {"type": "int", "connect.parameters": {"__debezium.source.column.name": "id"}}},
              {"name": "a_u0020b", "type": ["null", {"type": "string",
                 "connect.parameters": {"__debezium.source.column.name": "a b"}}], "default": null},
              {"name": "small", "type": ["null", {"type": "int", "connect.type": "int16"}], "default": null},
              {"name": "big", "type": ["null", "long"], "default": null},
              {"name": "f", "type": ["null", "float"], "default": null},
              {"name": "d", "type": ["null", "double"], "default": null},
              {"name": "flag", "type": ["null", "boolean"], "default": null},
              {"name": "amount", "type": ["null", {"type": "bytes", "scale": 2, "precision": 10,
                 "connect.name": "org.apache.kafka.connect.data.Decimal", "logicalType": "decimal",
                 "connect.parameters": {"scale": "2", "connect.decimal.precision": "10"}}], "default": null},
              {"name": "day", "type": ["null", {"type": "int", "connect.name": "io.debezium.time.Date"}], "default": null},
              {"name": "at", "type": ["null", {"type": "long", "connect.name": "io.debezium.time.MicroTimestamp"}], "default": null},
              {"name": "ts", "type": ["null", {"type": "string", "connect.name": "io.debezium.time.ZonedTimestamp"}], "default": null},
              {"name": "tm", "type": ["null", {"type": "long", "connect.name": "io.debezium.time.MicroTime"}], "default": null},
              {"name": "blob", "type": ["null", "bytes"], "default": null},
              {"name": "geo", "type": ["null", {"type": "record", "name": "Geometry", "namespace": "io.debezium.data.geometry",
                 "fields": [{"name": "wkb", "type": "bytes"}, {"name": "srid", "type": ["null", "int"], "default": null}],
                 "connect.name": "io.debezium.data.geometry.Geometry"}], "default": null}
            ]}""";

    private static final Schema ROW_SCHEMA = new Schema.Parser().parse(ROW);
    private static final Schema ENVELOPE = envelope(ROW_SCHEMA);

    private static Schema envelope(Schema row) {
        String source = """
                {"type": "record", "name": "Source", "namespace": "io.debezium.connector.mysql", "fields": [
                  {"name": "version", "type": "string"}, {"name": "file", "type": "string"},
                  {"name": "ts_ms", "type": "long"}, {"name": "pos", "type": "long"},
                  {"name": "snapshot", "type": ["string", "null"], "default": "false"}]}""";
        return new Schema.Parser().parse("""
                {"type": "record", "name": "Envelope", "namespace": "p.db.t", "fields": [
                  {"name": "before", "type": ["null", %s], "default": null},
                  {"name": "after", "type": ["null", "p.db.t.Value"], "default": null},
                  {"name": "source", "type": %s},
                  {"name": "transaction", "type": ["null", {"type": "record", "name": "block", "namespace": "event",
                    "fields": [{"name": "id", "type": "string"}]}], "default": null},
                  {"name": "op", "type": "string"},
                  {"name": "ts_ms", "type": ["null", "long"], "default": null}]}""".formatted(row, source));
    }

    private final Map<Integer, String> registry = new HashMap<>(Map.of(7, ENVELOPE.toString()));
    private final AtomicInteger fetches = new AtomicInteger();
    private final AvroChangeEventDecoder decoder = new AvroChangeEventDecoder(id -> {
        fetches.incrementAndGet();
        String schema = registry.get(id);
        if (schema == null) {
            throw new SchemaUnavailableException("no schema " + id);
        }
        return schema;
    });

    @Test
    void everyFieldDecodesToTheCanonicalValueOfItsConnectType() throws IOException {
        GenericData.Record after = new GenericData.Record(ROW_SCHEMA);
        after.put("id", 42);
        after.put("a_u0020b", "utf8mb4 ✓ 😀");
        after.put("small", -32768);
        after.put("big", Long.MIN_VALUE);
        after.put("f", 3.4028235E38f);
        after.put("d", 2.2250738585072014E-308);
        after.put("flag", true);
        after.put("amount", ByteBuffer.wrap(new BigInteger("-1234567").toByteArray()));
        after.put("day", -719162);
        after.put("at", 253402300799999999L);
        after.put("ts", "2026-11-25T08:15:30.123456Z");
        after.put("tm", -3020399000000L);
        after.put("blob", ByteBuffer.wrap(new byte[] {0, (byte) 0xff, 10, 10}));
        GenericData.Record geo = new GenericData.Record(ROW_SCHEMA.getField("geo").schema().getTypes().get(1));
        geo.put("wkb", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        after.put("geo", geo);

        ChangeEvent event = decoder.decode(record(7, null, after, "c"));

        assertEquals('c', event.op());
        assertNull(event.before());
        Map<String, Object> row = event.after();
        assertEquals(42L, row.get("id"));
        assertEquals("utf8mb4 ✓ 😀", row.get("a b"), "the column's own name, not the Avro-adjusted one");
        assertEquals(-32768L, row.get("small"));
        assertEquals(Long.MIN_VALUE, row.get("big"));
        assertEquals(Double.parseDouble("3.4028235E38"), row.get("f"), "a FLOAT as JsonConverter's text gives it");
        assertEquals(2.2250738585072014E-308, row.get("d"));
        assertEquals(Boolean.TRUE, row.get("flag"));
        assertEquals(new BigDecimal("-12345.67"), row.get("amount"));
        assertEquals(LocalDate.of(1, 1, 1), row.get("day"));
        assertEquals(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), row.get("at"));
        assertEquals(Instant.parse("2026-11-25T08:15:30.123456Z"), row.get("ts"));
        assertEquals(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), row.get("tm"));
        assertArrayEquals(new byte[] {0, (byte) 0xff, 10, 10}, (byte[]) row.get("blob"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) row.get("geo"));
        assertEquals(ROW_SCHEMA, event.rowSchema());
        assertEquals(1764000000123L, event.sourceTsMs(), "the commit time, for the source_to_kafka latency");
        assertEquals("binlog.000001", event.source().file(), "the binlog position, for the drift check's order");
        assertEquals(4L, event.source().pos());
    }

    @Test
    void nullsDeletesAndTruncatesAndTheSchemaIsFetchedOncePerId() throws IOException {
        GenericData.Record before = new GenericData.Record(ROW_SCHEMA);
        before.put("id", 1);
        ChangeEvent delete = decoder.decode(record(7, before, null, "d"));
        assertEquals('d', delete.op());
        assertTrue(delete.image().containsKey("a b") && delete.image().get("a b") == null, "a NULL column is null");
        assertEquals(1L, delete.image().get("id"));
        ChangeEvent truncate = decoder.decode(record(7, null, null, "t"));
        assertTrue(truncate.isTruncate());
        assertNull(decoder.decode(null), "a tombstone");
        assertEquals(1, fetches.get(), "one registry call for every record of a schema id");
    }

    @Test
    void anUnknownSchemaIdWaitsInsteadOfFailingTheRecord() throws IOException {
        ByteBuffer value = record(8, null, null, "t");
        assertThrows(SchemaUnavailableException.class, () -> decoder.decode(value));
        registry.put(8, ENVELOPE.toString());
        assertTrue(decoder.decode(value).isTruncate(), "read once the registry has it");
    }

    @Test
    void anythingButTheConfluentWireFormatIsMalformed() {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> decoder.decode(ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 7, 0})));
        assertTrue(e.getMessage().contains("as-confluent"), e.getMessage());
        assertThrows(MalformedRecordException.class, () -> decoder.decode(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 7, 2})),
                "a body that does not fit its schema");
    }

    @Test
    void theDispatcherReadsJsonAndAvroRecordsOfOneTopic() throws IOException {
        DebeziumRecordDecoder both = new DebeziumRecordDecoder(registry::get, "set SCHEMA_REGISTRY_URL");
        GenericData.Record after = new GenericData.Record(ROW_SCHEMA);
        after.put("id", 5);
        assertEquals(5L, both.decode("t", record(7, null, after, "c")).after().get("id"));
        String json = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"optional\":true,\"field\":"
                + "\"after\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}]},{\"type\":\"string\","
                + "\"optional\":false,\"field\":\"op\"}]},\"payload\":{\"after\":{\"id\":6},\"op\":\"c\"}}";
        assertEquals(6L, both.decode("t", ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .after().get("id"));
        DebeziumRecordDecoder jsonOnly = new DebeziumRecordDecoder(null, "set SCHEMA_REGISTRY_URL");
        SchemaUnavailableException e = assertThrows(SchemaUnavailableException.class,
                () -> jsonOnly.decode("t", record(7, null, after, "c")));
        assertTrue(e.getMessage().contains("SCHEMA_REGISTRY_URL"), e.getMessage());
    }

    /** A record value as the converter writes it: 0, the schema id, the Avro binary envelope. */
    private static ByteBuffer record(int id, GenericData.Record before, GenericData.Record after, String op)
            throws IOException {
        GenericData.Record envelope = new GenericData.Record(ENVELOPE);
        envelope.put("before", before);
        envelope.put("after", after);
        GenericData.Record source = new GenericData.Record(ENVELOPE.getField("source").schema());
        source.put("version", "3.4.0.Final");
        source.put("file", "binlog.000001");
        source.put("ts_ms", 1764000000123L);
        source.put("pos", 4L);
        source.put("snapshot", "false");
        envelope.put("source", source);
        envelope.put("op", op);
        envelope.put("ts_ms", 1L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(ENVELOPE).write(envelope, encoder);
        encoder.flush();
        return ByteBuffer.wrap(out.toByteArray());
    }
}
