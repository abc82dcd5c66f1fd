package org.streamingetl.sink.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * ksqlDB's Avro output for the demo's enrichment ({@code CREATE TABLE ... WITH (KEY_FORMAT='AVRO',
 * VALUE_FORMAT='AVRO') AS SELECT ...}), encoded here with Apache Avro's encoder in the Confluent wire format.
 * CONTRACT FIXTURE: ksqlDB cannot run on the project's machines, so the schemas are written by hand as ksqlDB 0.29
 * documents and registers them (docs/reference/serialization.md in confluentinc/ksql: the value a record named
 * {@code io.confluent.ksql.avro_schemas.KsqlDataSourceSchema} of the non-key columns, every field an optional
 * {@code ["null", T]} with default null; a single key column unwrapped; a DECIMAL as Confluent's AvroData writes
 * Connect's Decimal), the column types being those the ksqldb engine declares (KsqlStatements, Format.AVRO).
 */
class PlainAvroDecoderTest {

    static final Schema KEY = new Schema.Parser().parse("[\"null\", \"long\"]");

    static final Schema VALUE = new Schema.Parser().parse("""
            {"type": "record", "name": "KsqlDataSourceSchema", "namespace": "io.confluent.ksql.avro_schemas",
             "fields": [
              {"name": "customer_id", "type": ["null", "int"], "default": null},
              {"name": "amount", "type": ["null", {"type": "bytes", "scale": 2, "precision": 12, "connect.version": 1,
                 "connect.parameters": {"scale": "2", "connect.decimal.precision": "12"},
                 "connect.name": "org.apache.kafka.connect.data.Decimal", "logicalType": "decimal"}], "default": null},
              {"name": "created_at", "type": ["null", "long"], "default": null},
              {"name": "customer_name", "type": ["null", "string"], "default": null},
              {"name": "country", "type": ["null", "string"], "default": null}
             ],
             "connect.name": "io.confluent.ksql.avro_schemas.KsqlDataSourceSchema"}""");

    /** A later schema: upper-cased names (as ksqlDB infers them) and a field the announcement does not have. */
    static final Schema VALUE_UPPER = new Schema.Parser().parse("""
            {"type": "record", "name": "KsqlDataSourceSchema", "namespace": "io.confluent.ksql.avro_schemas",
             "fields": [
              {"name": "EXTRA", "type": ["null", "string"], "default": null},
              {"name": "CUSTOMER_NAME", "type": ["null", "string"], "default": null}
             ]}""");

    private final Map<Integer, String> registry = new HashMap<>(Map.of(1, KEY.toString(), 2, VALUE.toString(),
            3, VALUE_UPPER.toString()));
    private final AtomicInteger lookups = new AtomicInteger();
    private final PlainRowDecoder decoder = new PlainRowDecoder(id -> {
        lookups.incrementAndGet();
        return registry.get(id);
    }, "set SCHEMA_REGISTRY_URL");

    @Test
    void rowsAreUpsertsOfTheirKeyWithEveryColumnDecodedByTheAnnouncedType() {
        ChangeEvent first = decode(key(1L), value(7, "12.50", 1795600800123456L, "Ann", "FR"));
        assertEquals('c', first.op());
        Map<String, Object> row = first.after();
        assertEquals(1L, row.get("order_id"));
        assertEquals(7L, row.get("customer_id"));
        assertEquals(new BigDecimal("12.50"), row.get("amount"));
        assertEquals(LocalDateTime.of(2026, 11, 25, 10, 0, 0, 123_456_000), row.get("created_at"));
        assertEquals("Ann", row.get("customer_name"));
        assertEquals("FR", row.get("country"));

        Map<String, Object> unmatched = decode(key(2L), value(99, "-0.05", 1795601100000000L, null, null)).after();
        assertEquals(new BigDecimal("-0.05"), unmatched.get("amount"));
        assertTrue(unmatched.containsKey("customer_name"));
        assertNull(unmatched.get("customer_name"));
        assertEquals(2, lookups.get(), "each schema id is fetched once");
    }

    @Test
    void aTombstoneDeletesItsKey() {
        ChangeEvent deleted = decode(key(2L), null);
        assertEquals('d', deleted.op());
        assertEquals(2L, deleted.before().get("order_id"));
        assertNull(deleted.after());
    }

    @Test
    void fieldsMatchTheirColumnIgnoringCaseAndUnknownFieldsAreSkipped() {
        GenericData.Record r = new GenericData.Record(VALUE_UPPER);
        r.put("EXTRA", "ignored");
        r.put("CUSTOMER_NAME", "Bo");
        Map<String, Object> row = decode(key(3L), wire(3, VALUE_UPPER, r)).after();
        assertEquals("Bo", row.get("customer_name"));
        assertEquals(3L, row.get("order_id"));
        assertTrue(!row.containsKey("amount"), "a column the record does not carry is absent");
    }

    @Test
    void jsonRowsStillGoToTheJsonDecoder() {
        ChangeEvent json = decoder.decode(PlainJsonDecoderTest.ORDERS_ENRICHED, utf8("5"),
                utf8("{\"customer_id\":7,\"amount\":\"BOI=\",\"customer_name\":\"Ann\"}"));
        assertEquals(new BigDecimal("12.50"), json.after().get("amount"));
        assertEquals(5L, json.after().get("order_id"));
    }

    @Test
    void anAvroRowWithoutARegistryWaitsAndABrokenOneIsMalformed() {
        PlainRowDecoder noRegistry = new PlainRowDecoder(null, "set SCHEMA_REGISTRY_URL");
        assertThrows(SchemaUnavailableException.class, () -> noRegistry.decode(PlainJsonDecoderTest.ORDERS_ENRICHED,
                key(1L), value(7, "1.00", 0L, "A", "B")));
        assertThrows(MalformedRecordException.class, () -> decode(key(1L), ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 2, 2})));
        assertThrows(MalformedRecordException.class, () -> decode(utf8("1"), value(7, "1.00", 0L, "A", "B")),
                "a JSON key with an Avro value");
    }

    private ChangeEvent decode(ByteBuffer key, ByteBuffer value) {
        return decoder.decode(PlainJsonDecoderTest.ORDERS_ENRICHED, key, value);
    }

    private static ByteBuffer key(long id) {
        return wire(1, KEY, id);
    }

    private static ByteBuffer value(Integer customerId, String amount, Long createdAt, String name, String country) {
        GenericData.Record r = new GenericData.Record(VALUE);
        r.put("customer_id", customerId);
        r.put("amount", amount == null ? null : ByteBuffer.wrap(new BigDecimal(amount).unscaledValue().toByteArray()));
        r.put("created_at", createdAt);
        r.put("customer_name", name);
        r.put("country", country);
        return wire(2, VALUE, r);
    }

    /** The Confluent wire format: byte 0, the schema id (4 bytes, big-endian), the Avro binary body. */
    static ByteBuffer wire(int schemaId, Schema schema, Object datum) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(schema).write(datum, encoder);
            encoder.flush();
            return ByteBuffer.wrap(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
