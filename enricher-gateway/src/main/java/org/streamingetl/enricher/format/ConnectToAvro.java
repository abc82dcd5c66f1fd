package org.streamingetl.enricher.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * The Avro schema of a Kafka Connect schema in JsonConverter's form, as a Connect Avro converter makes it: the Connect
 * type noted as {@code connect.type}/{@code connect.name}/{@code connect.version}/{@code connect.parameters}, an
 * optional type as {@code ["null", T]} with default null. A field name Avro does not accept is adjusted ({@code a b}
 * → {@code a_b}) and the column's own name kept in Debezium's {@code __debezium.source.column.name} parameter, where
 * the sink reads it. One instance converts one schema (record names are defined once, then referred to).
 */
final class ConnectToAvro {

    static final String SOURCE_COLUMN_NAME = "__debezium.source.column.name";

    private final Map<String, Schema> records = new HashMap<>();

    /** The Avro schema of {@code connect}; {@code defaultName} names a struct that has no name of its own. */
    Schema schema(JsonNode connect, String defaultName) {
        Schema type = type(connect, defaultName);
        if (connect.path("optional").asBoolean(false)) {
            return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
        }
        return type;
    }

    private Schema type(JsonNode connect, String defaultName) {
        String connectType = connect.path("type").asText();
        Schema schema = switch (connectType) {
            case "int8", "int16", "int32" -> Schema.create(Schema.Type.INT);
            case "int64" -> Schema.create(Schema.Type.LONG);
            case "float" -> Schema.create(Schema.Type.FLOAT);
            case "double" -> Schema.create(Schema.Type.DOUBLE);
            case "boolean" -> Schema.create(Schema.Type.BOOLEAN);
            case "string" -> Schema.create(Schema.Type.STRING);
            case "bytes" -> Schema.create(Schema.Type.BYTES);
            case "struct" -> record(connect, defaultName);
            case "array" -> Schema.createArray(schema(connect.path("items"), defaultName + "_item"));
            case "map" -> Schema.createMap(schema(connect.path("values"), defaultName + "_value"));
            default -> throw new IllegalArgumentException("no Avro type for Connect type '" + connectType + "'");
        };
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (connectType.equals("int8") || connectType.equals("int16")) {
            schema.addProp("connect.type", connectType);
        }
        String name = connect.path("name").asText(null);
        if (name != null) {
            schema.addProp("connect.name", name);
        }
        if (connect.path("version").canConvertToInt()) {
            schema.addProp("connect.version", connect.path("version").asInt());
        }
        Map<String, String> parameters = parameters(connect);
        if (!parameters.isEmpty()) {
            schema.addProp("connect.parameters", parameters);
        }
        return schema;
    }

    private Schema record(JsonNode connect, String defaultName) {
        String fullName = avroFullName(connect.path("name").asText(defaultName));
        Schema known = records.get(fullName);
        if (known != null) {
            return known;
        }
        int dot = fullName.lastIndexOf('.');
        Schema record = Schema.createRecord(fullName.substring(dot + 1), null, dot < 0 ? null
                : fullName.substring(0, dot), false);
        records.put(fullName, record);
        List<Schema.Field> fields = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (JsonNode field : connect.path("fields")) {
            String column = field.path("field").asText();
            String name = unique(avroName(column), taken);
            JsonNode fieldSchema = field;
            if (!name.equals(column) && !field.path("parameters").has(SOURCE_COLUMN_NAME)) {
                ObjectNode copy = field.deepCopy();
                ObjectNode parameters = copy.path("parameters") instanceof ObjectNode p ? p : copy.putObject("parameters");
                parameters.put(SOURCE_COLUMN_NAME, column);
                fieldSchema = copy;
            }
            Schema schema = schema(fieldSchema, fullName + "_" + name);
            fields.add(new Schema.Field(name, schema, null,
                    schema.getType() == Schema.Type.UNION ? JsonProperties.NULL_VALUE : null));
        }
        record.setFields(fields);
        String name = connect.path("name").asText(null);
        if (name != null) {
            record.addProp("connect.name", name);
        }
        return record;
    }

    private static Map<String, String> parameters(JsonNode connect) {
        Map<String, String> parameters = new LinkedHashMap<>();
        connect.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return parameters;
    }

    /** A name Avro accepts: letters, digits and '_', not starting with a digit. */
    static String avroName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            out.append(ok ? c : '_');
        }
        if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }

    private static String avroFullName(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (!part.isEmpty()) {
                out.append(out.isEmpty() ? "" : ".").append(avroName(part));
            }
        }
        return out.isEmpty() ? "Row" : out.toString();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }
}
