package org.streamingetl.common.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads the values Kafka Connect wrote (change events, schema changes, notifications) as JSON trees, whichever
 * converter wrote them: JsonConverter's {@code {"schema", "payload"}} as it is, an Avro record in the Confluent wire
 * format (PIPELINE_FORMAT=avro) as the same {@code {"schema", "payload"}} JsonConverter would have printed
 * ({@link ConnectSchemas}: the Connect schema the converter noted on the Avro schema; bytes as base64), so readers
 * look at one shape. Avro schemas are fetched from the registry once per id (cdc-registrar's followers, the
 * enricher's Kafka Streams engine).
 */
public final class ConnectRecords {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Optional<SchemaRegistryClient> registry;
    private final Map<Integer, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();
    private final Map<Integer, JsonNode> connectSchemas = new ConcurrentHashMap<>();

    public ConnectRecords(Optional<SchemaRegistryClient> registry) {
        this.registry = registry;
    }

    /** The value as a tree; {@link SchemaUnavailableException} when its Avro schema cannot be fetched now. */
    public JsonNode tree(byte[] value) throws IOException {
        if (value.length == 0 || value[0] != 0) {
            return mapper.readTree(value);
        }
        if (value.length < 5) {
            throw new IOException("an Avro record of " + value.length + " bytes has no schema id");
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        GenericDatumReader<Object> reader = readers.computeIfAbsent(id, this::reader);
        Object datum = reader.read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
        ObjectNode tree = mapper.createObjectNode();
        tree.set("schema", connectSchemas.computeIfAbsent(id, i -> ConnectSchemas.of(reader.getSchema())));
        tree.set("payload", json(datum));
        return tree;
    }

    private GenericDatumReader<Object> reader(int id) {
        SchemaRegistryClient client = registry.orElseThrow(() -> new SchemaUnavailableException("an Avro record, but "
                + "no schema registry is configured: set SCHEMA_REGISTRY_URL"));
        return new GenericDatumReader<>(new Schema.Parser().setValidateDefaults(false).parse(client.schema(id)));
    }

    /** An Avro datum as JSON: records and maps as objects, strings as text, bytes as base64 (as JsonConverter). */
    public static JsonNode json(Object datum) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (datum == null) {
            return f.nullNode();
        }
        if (datum instanceof GenericRecord record) {
            ObjectNode node = f.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), json(record.get(field.pos())));
            }
            return node;
        }
        if (datum instanceof Map<?, ?> map) {
            ObjectNode node = f.objectNode();
            map.forEach((k, v) -> node.set(k.toString(), json(v)));
            return node;
        }
        if (datum instanceof Collection<?> list) {
            ArrayNode node = f.arrayNode();
            list.forEach(v -> node.add(json(v)));
            return node;
        }
        if (datum instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return f.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (datum instanceof GenericFixed fixed) {
            return f.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
        }
        if (datum instanceof Integer i) {
            return f.numberNode(i);
        }
        if (datum instanceof Long l) {
            return f.numberNode(l);
        }
        if (datum instanceof Float v) {
            return f.numberNode(v);
        }
        if (datum instanceof Double v) {
            return f.numberNode(v);
        }
        if (datum instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode(datum.toString());
    }
}
