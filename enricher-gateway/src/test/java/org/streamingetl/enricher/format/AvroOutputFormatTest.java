package org.streamingetl.enricher.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.registry.ConnectRecords;
import org.streamingetl.common.registry.ConnectSchemas;
import org.streamingetl.enricher.streams.ChangeRows;

/**
 * The enrichment's Avro output read back as the sink and the enricher read Avro: what goes in as JsonConverter's
 * form comes out the same (values, Connect types and parameters), column names Avro refuses included.
 */
class AvroOutputFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> registered = new ArrayList<>();
    private final AvroOutputFormat format = new AvroOutputFormat((subject, schema) -> {
        registered.add(subject + " " + schema);
        return 40 + registered.size();
    });

    private static final String ENVELOPE = """
            {"schema": {"type": "struct", "name": "etl.enriched.e.Envelope", "optional": false, "fields": [
              {"field": "before", "type": "struct", "optional": true, "name": "etl.enriched.e.Value", "fields": ROW},
              {"field": "after", "type": "struct", "optional": true, "name": "etl.enriched.e.Value", "fields": ROW},
              {"field": "op", "type": "string", "optional": false}]},
             "payload": {"before": null, "after": {"id": 5, "amount": "ATk=", "day": 19000, "small": 7, "a b": "x y",
                         "gone": null}, "op": "c"}}""".replace("ROW", """
              [{"field": "id", "type": "int64", "optional": false},
               {"field": "amount", "type": "bytes", "optional": true, "name": "org.apache.kafka.connect.data.Decimal",
                "version": 1, "parameters": {"scale": "2", "connect.decimal.precision": "10"}},
               {"field": "day", "type": "int32", "optional": false, "name": "io.debezium.time.Date", "version": 1},
               {"field": "small", "type": "int16", "optional": false},
               {"field": "a b", "type": "string", "optional": true},
               {"field": "gone", "type": "string", "optional": true}]""");

    @Test
    void aValueReadsBackAsTheSameRowWithItsConnectTypes() throws Exception {
        byte[] avro = format.value("etl.enriched.e", ENVELOPE.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, avro[0], "Confluent wire format: magic byte 0");
        assertEquals(41, ByteBuffer.wrap(avro, 1, 4).getInt(), "then the id the registry gave");
        assertTrue(registered.get(0).startsWith("etl.enriched.e-value "), "registered under <topic>-value");

        JsonNode tree = readBack(avro);
        ChangeRows.Change change = ChangeRows.changeOf(tree, List.of("id"));
        assertEquals("[5]", change.key());
        ObjectNode row = change.row();
        assertEquals("ATk=", row.path("v").path("amount").asText(), "a DECIMAL's bytes, base64 as JsonConverter's");
        assertEquals("2", row.path("s").path("amount").path("parameters").path("scale").asText());
        assertEquals("org.apache.kafka.connect.data.Decimal", row.path("s").path("amount").path("name").asText());
        assertEquals(19000, row.path("v").path("day").asInt());
        assertEquals("io.debezium.time.Date", row.path("s").path("day").path("name").asText());
        assertEquals("int16", row.path("s").path("small").path("type").asText(), "int16 stays int16, not int32");
        assertEquals("x y", row.path("v").path("a b").asText(), "a name Avro refuses comes back as the column's");
        assertTrue(row.path("v").path("gone").isNull());
        assertTrue(row.path("s").path("gone").path("optional").asBoolean());
    }

    @Test
    void aSchemaIsRegisteredOnceAndKeysHaveTheirOwnSubject() {
        format.value("etl.enriched.e", ENVELOPE.getBytes(StandardCharsets.UTF_8));
        format.value("etl.enriched.e", ENVELOPE.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, registered.size(), "one registration per schema, not per record");
        byte[] key = format.key("etl.enriched.e", "{\"order_id\": 5}".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, registered.size());
        assertTrue(registered.get(1).startsWith("etl.enriched.e-key "));
        JsonNode tree = readBack(key);
        assertEquals(5, tree.path("payload").path("order_id").asInt());
        assertEquals("int64", tree.path("schema").path("fields").get(0).path("type").asText());
    }

    @Test
    void aDeleteKeepsItsBeforeImageAndANullAfter() throws Exception {
        String delete = ENVELOPE.replace("\"payload\": {\"before\": null, \"after\":", "\"payload\": {\"after\": null, \"before\":")
                .replace("\"op\": \"c\"}}", "\"op\": \"d\"}}");
        JsonNode tree = readBack(format.value("etl.enriched.e", delete.getBytes(StandardCharsets.UTF_8)));
        ChangeRows.Change change = ChangeRows.changeOf(tree, List.of("id"));
        assertEquals("[5]", change.key());
        assertNull(change.row(), "a delete");
    }

    /** As ConnectRecords reads it, with the schema the registry would answer for the id. */
    private JsonNode readBack(byte[] avro) {
        int id = ByteBuffer.wrap(avro, 1, 4).getInt();
        String text = registered.get(id - 41);
        Schema schema = new Schema.Parser().parse(text.substring(text.indexOf(' ') + 1));
        try {
            Object datum = new GenericDatumReader<>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(avro, 5, avro.length - 5, null));
            ObjectNode tree = JSON.createObjectNode();
            tree.set("schema", ConnectSchemas.of(schema));
            tree.set("payload", ConnectRecords.json(datum));
            return tree;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void namesAvroRefusesAreAdjusted() {
        assertEquals("a_b", ConnectToAvro.avroName("a b"));
        assertEquals("_1st", ConnectToAvro.avroName("1st"));
        assertEquals("_ber", ConnectToAvro.avroName("über"));
    }
}
