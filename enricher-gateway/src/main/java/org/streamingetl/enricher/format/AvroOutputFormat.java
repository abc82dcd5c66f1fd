package org.streamingetl.enricher.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.streamingetl.common.registry.SchemaRegistryClient;

/**
 * Writes the enrichment's output in Avro (PIPELINE_FORMAT=avro) as a Connect Avro converter does: each schema
 * registered under {@code <topic>-key} / {@code <topic>-value} in the schema registry (once per schema, then
 * cached), each record in the Confluent wire format (byte 0, the schema's 4-byte id, the Avro binary). The sink reads
 * it as it reads Debezium's Avro change events. A registry that cannot be reached throws
 * {@link org.streamingetl.common.registry.SchemaUnavailableException}: the caller waits and tries again.
 */
public final class AvroOutputFormat implements OutputFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Registration registry;
    /** Connect schema (its JSON text) → the Avro schema and its id under one subject. */
    private final Map<String, Registered> registered = new ConcurrentHashMap<>();

    private record Registered(Schema schema, int id) {
    }

    /** Registers a schema under a subject and answers its id ({@link SchemaRegistryClient#register}). */
    @FunctionalInterface
    public interface Registration {
        int register(String subject, String schema);
    }

    public AvroOutputFormat(Registration registry) {
        this.registry = registry;
    }

    @Override
    public byte[] key(String topic, byte[] jsonKey) {
        JsonNode key = read(jsonKey);
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "struct").put("optional", false).put("name", topic + ".Key");
        var fields = schema.putArray("fields");
        key.fields().forEachRemaining(e -> fields.addObject().put("field", e.getKey())
                .put("type", e.getValue().isIntegralNumber() ? "int64" : e.getValue().isNumber() ? "double"
                        : e.getValue().isBoolean() ? "boolean" : "string").put("optional", e.getValue().isNull()));
        return encode(topic + "-key", schema, key);
    }

    @Override
    public byte[] value(String topic, byte[] jsonEnvelope) {
        JsonNode envelope = read(jsonEnvelope);
        return encode(topic + "-value", envelope.path("schema"), envelope.path("payload"));
    }

    private byte[] encode(String subject, JsonNode connectSchema, JsonNode payload) {
        Registered schema = registered.computeIfAbsent(subject + "\n" + connectSchema, k -> {
            Schema avro = new ConnectToAvro().schema(connectSchema, subject.replace('-', '_'));
            return new Registered(avro, registry.register(subject, avro.toString()));
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schema.id()).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema.schema()).write(datum(schema.schema(), payload), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The Avro datum of a JsonConverter value under its Avro schema. */
    static Object datum(Schema schema, JsonNode value) {
        if (schema.getType() == Schema.Type.UNION) {
            if (value == null || value.isNull()) {
                return null;
            }
            Schema type = schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow();
            return datum(type, value);
        }
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("null for a required " + schema.getType() + " field");
        }
        return switch (schema.getType()) {
            case INT -> value.intValue();
            case LONG -> value.longValue();
            case FLOAT -> value.floatValue();
            case DOUBLE -> value.doubleValue();
            case BOOLEAN -> value.booleanValue();
            case STRING -> value.asText();
            case BYTES -> ByteBuffer.wrap(Base64.getDecoder().decode(value.asText()));
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), datum(field.schema(), value.get(sourceName(field))));
                }
                yield record;
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                value.forEach(item -> items.add(datum(schema.getElementType(), item)));
                yield items;
            }
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                value.fields().forEachRemaining(e -> map.put(e.getKey(), datum(schema.getValueType(), e.getValue())));
                yield map;
            }
            default -> throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
        };
    }

    /** The name the field has in the JSON value: the column's own name when the Avro name had to be adjusted. */
    private static String sourceName(Schema.Field field) {
        Schema type = field.schema();
        if (type.getType() == Schema.Type.UNION) {
            type = type.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst().orElse(type);
        }
        if (type.getObjectProp("connect.parameters") instanceof Map<?, ?> parameters
                && parameters.get(ConnectToAvro.SOURCE_COLUMN_NAME) != null) {
            return parameters.get(ConnectToAvro.SOURCE_COLUMN_NAME).toString();
        }
        return field.name();
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
