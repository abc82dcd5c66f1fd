package org.streamingetl.enricher.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * Debezium change events in JsonConverter's form with schemas (as written in JSON, or an Avro record as
 * {@link org.streamingetl.common.registry.ConnectRecords} reads it) as the rows the topology joins: a row is
 * {@code {"s": {column: its Connect field schema}, "v": {column: its JSON value}}}, values passed through untouched,
 * so the output carries exactly what Debezium sent. Columns are named by the MySQL column's own name (Debezium's
 * {@code __debezium.source.column.name} parameter in Avro, where a field name may have been adjusted). Tables are
 * keyed by the canonical key text: the JSON array of the primary key values, e.g. {@code [5]}, which is also what
 * a foreign key yields.
 */
public final class ChangeRows {

    static final ObjectMapper JSON = longStringMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Debezium's parameter holding a column's own name (column.propagate.source.type, set in Avro mode). */
    static final String SOURCE_COLUMN_NAME = "__debezium.source.column.name";

    /** Reads values of any length (big rows) without slowing parsing: see {@code RecordLimits.allowLongStringsByDefault}. */
    private static ObjectMapper longStringMapper() {
        org.streamingetl.common.kafka.RecordLimits.allowLongStringsByDefault();
        return new ObjectMapper();
    }

    /** What one change does to its table: upsert {@code row} at {@code key}, or delete {@code key} (row null). */
    public record Change(String key, ObjectNode row) {
    }

    private ChangeRows() {
    }

    /** The change of one record value, or null for a tombstone, a TRUNCATE or anything that is not a row change. */
    public static Change change(byte[] value, List<String> primaryKey) throws IOException {
        return value == null ? null : changeOf(JSON.readTree(value), primaryKey);
    }

    /** The change of one record value in JsonConverter's form ({@code {"schema", "payload"}}). */
    public static Change changeOf(JsonNode root, List<String> primaryKey) {
        JsonNode payload = root.path("payload");
        String op = payload.path("op").asText("");
        JsonNode envelopeFields = root.path("schema").path("fields");
        switch (op) {
            case "c", "u", "r" -> {
                ObjectNode row = row(envelopeFields, "after", payload.get("after"));
                return row == null ? null : new Change(key(row, primaryKey), row);
            }
            case "d" -> {
                ObjectNode row = row(envelopeFields, "before", payload.get("before"));
                return row == null ? null : new Change(key(row, primaryKey), null);
            }
            default -> {
                return null;
            }
        }
    }

    private static ObjectNode row(JsonNode envelopeFields, String image, JsonNode values) {
        if (values == null || !values.isObject()) {
            return null;
        }
        ObjectNode schemas = NODES.objectNode();
        ObjectNode named = null;
        for (JsonNode field : envelopeFields) {
            if (image.equals(field.path("field").asText())) {
                for (JsonNode column : field.path("fields")) {
                    String fieldName = column.path("field").asText();
                    String name = column.path("parameters").path(SOURCE_COLUMN_NAME).asText(fieldName);
                    if (!name.equals(fieldName)) {
                        if (named == null) {
                            named = ((ObjectNode) values).deepCopy();
                        }
                        named.remove(fieldName);
                        named.set(name, values.get(fieldName));
                        column = ((ObjectNode) column).deepCopy().put("field", name);
                    }
                    schemas.set(name, column);
                }
            }
        }
        ObjectNode row = NODES.objectNode();
        row.set("s", schemas);
        row.set("v", named == null ? values : named);
        return row;
    }

    /** The canonical key of a row: the JSON array of the named columns' values. */
    public static String key(ObjectNode row, List<String> columns) {
        ArrayNode key = NODES.arrayNode();
        for (String column : columns) {
            key.add(normalized(row.path("v").get(column)));
        }
        return key.toString();
    }

    /** An INT 5 and a BIGINT 5 give the same key text. */
    private static JsonNode normalized(JsonNode v) {
        return v != null && v.isIntegralNumber() ? NODES.numberNode(v.bigIntegerValue()) : v;
    }

    /** The canonical key made of values (null when one is null: no row can match it). */
    public static String key(List<JsonNode> values) {
        ArrayNode key = NODES.arrayNode();
        for (JsonNode v : values) {
            if (v == null || v.isNull()) {
                return null;
            }
            key.add(normalized(v));
        }
        return key.toString();
    }
}
