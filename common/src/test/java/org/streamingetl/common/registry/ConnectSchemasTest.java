package org.streamingetl.common.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** An Avro schema as Apicurio's converter writes Debezium's row, read back as JsonConverter would print it. */
class ConnectSchemasTest {

    private static final String ROW = """
            {"type": "record", "name": "Value", "namespace": "etl.shop.orders", "fields": [
              {"name": "id", "type": {"type": "int", "connect.type": "int16"}},
              {"name": "amount", "type": ["null", {"type": "bytes", "connect.version": 1,
                 "connect.parameters": {"scale": "2", "connect.decimal.precision": "10"},
                 "connect.name": "org.apache.kafka.connect.data.Decimal", "logicalType": "decimal",
                 "precision": 10, "scale": 2}], "default": null},
              {"name": "a_u0020b", "type": ["null", {"type": "string",
                 "connect.parameters": {"__debezium.source.column.name": "a b"}}], "default": null},
              {"name": "at", "type": {"type": "long", "connect.name": "io.debezium.time.MicroTimestamp",
                 "connect.version": 1}}],
             "connect.name": "etl.shop.orders.Value"}""";

    @Test
    void typesNamesParametersAndOptionalityAreJsonConvertersOwn() {
        JsonNode schema = ConnectSchemas.of(new Schema.Parser().parse(ROW));
        assertEquals("struct", schema.path("type").asText());
        assertEquals("etl.shop.orders.Value", schema.path("name").asText());
        JsonNode id = schema.path("fields").get(0);
        assertEquals("id", id.path("field").asText());
        assertEquals("int16", id.path("type").asText(), "connect.type keeps a SMALLINT's int16");
        assertFalse(id.path("optional").asBoolean());
        JsonNode amount = schema.path("fields").get(1);
        assertEquals("bytes", amount.path("type").asText());
        assertTrue(amount.path("optional").asBoolean(), "[null, T] is an optional T");
        assertEquals("org.apache.kafka.connect.data.Decimal", amount.path("name").asText());
        assertEquals("2", amount.path("parameters").path("scale").asText());
        assertEquals(1, amount.path("version").asInt());
        assertEquals("a b", schema.path("fields").get(2).path("parameters").path("__debezium.source.column.name").asText());
        JsonNode at = schema.path("fields").get(3);
        assertEquals("int64", at.path("type").asText());
        assertEquals("io.debezium.time.MicroTimestamp", at.path("name").asText());
    }
}
