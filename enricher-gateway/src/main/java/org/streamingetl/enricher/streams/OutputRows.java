package org.streamingetl.enricher.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.streamingetl.enricher.definition.EnrichmentPlan;
import org.streamingetl.enricher.definition.EnrichmentPlan.OutputColumn;

/**
 * The enrichment's output as the sink reads every change stream: a Debezium-style envelope (JsonConverter with
 * schemas) per output row, {@code op=c} with the after image for an insert or update, {@code op=d} with a before
 * image of the key columns for a delete. Values and their Connect schemas are the source columns' own, renamed.
 */
public final class OutputRows {

    private final EnrichmentPlan plan;

    public OutputRows(EnrichmentPlan plan) {
        this.plan = plan;
    }

    /** The output row of joined rows ({@code {alias: row}}): {@code {"s": ..., "v": ...}} under output names. */
    public ObjectNode project(ObjectNode joined) {
        ObjectNode schemas = ChangeRows.NODES.objectNode();
        ObjectNode values = ChangeRows.NODES.objectNode();
        for (OutputColumn column : plan.columns()) {
            JsonNode row = joined.get(column.from().alias());
            JsonNode value = row == null || row.isNull() ? null : row.path("v").get(column.from().column());
            JsonNode schema = row == null || row.isNull() ? null : row.path("s").get(column.from().column());
            ObjectNode field = schema == null ? placeholderSchema() : schema.deepCopy();
            field.put("field", column.name());
            field.put("optional", column.definition().nullable());
            if (field.path("parameters").has(ChangeRows.SOURCE_COLUMN_NAME)) {
                // The output column's own name (Avro: read by the sink in place of the field name).
                ((ObjectNode) field.get("parameters")).put(ChangeRows.SOURCE_COLUMN_NAME, column.name());
            }
            schemas.set(column.name(), field);
            values.set(column.name(), value == null ? ChangeRows.NODES.nullNode() : value);
        }
        ObjectNode out = ChangeRows.NODES.objectNode();
        out.set("s", schemas);
        out.set("v", values);
        return out;
    }

    /** An upsert envelope of an output row. */
    public byte[] upsert(ObjectNode row) {
        ArrayNode fields = ChangeRows.NODES.arrayNode();
        row.path("s").forEach(fields::add);
        return envelope(fields, null, row.get("v"), "c");
    }

    /** A delete envelope: the before image holds the key columns, taken from the canonical key. */
    public byte[] delete(String canonicalKey) {
        ArrayNode fields = ChangeRows.NODES.arrayNode();
        ObjectNode before = ChangeRows.NODES.objectNode();
        JsonNode values = parse(canonicalKey);
        for (int i = 0; i < plan.key().size(); i++) {
            String name = plan.key().get(i);
            OutputColumn column = plan.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            ObjectNode field = ChangeRows.NODES.objectNode();
            field.put("type", isInteger(column.definition().dataType()) ? "int64" : "string");
            field.put("optional", false);
            field.put("field", name);
            fields.add(field);
            before.set(name, values.get(i));
        }
        return envelope(fields, before, null, "d");
    }

    /** The record key: the output key columns and their values, as JSON. */
    public byte[] key(String canonicalKey) {
        JsonNode values = parse(canonicalKey);
        ObjectNode key = ChangeRows.NODES.objectNode();
        List<String> names = plan.key();
        for (int i = 0; i < names.size(); i++) {
            key.set(names.get(i), values.get(i));
        }
        return key.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] envelope(ArrayNode rowFields, JsonNode before, JsonNode after, String op) {
        ObjectNode schema = ChangeRows.NODES.objectNode();
        schema.put("type", "struct");
        schema.put("name", plan.outputTopic() + ".Envelope");
        schema.put("optional", false);
        ArrayNode fields = schema.putArray("fields");
        for (String image : new String[] {"before", "after"}) {
            ObjectNode f = fields.addObject();
            f.put("type", "struct");
            f.put("optional", true);
            f.put("name", plan.outputTopic() + ".Value");
            f.put("field", image);
            f.set("fields", rowFields);
        }
        ObjectNode opField = fields.addObject();
        opField.put("type", "string");
        opField.put("optional", false);
        opField.put("field", "op");
        ObjectNode payload = ChangeRows.NODES.objectNode();
        payload.set("before", before == null ? ChangeRows.NODES.nullNode() : before);
        payload.set("after", after == null ? ChangeRows.NODES.nullNode() : after);
        payload.put("op", op);
        ObjectNode root = ChangeRows.NODES.objectNode();
        root.set("schema", schema);
        root.set("payload", payload);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The schema of a column whose row is missing (a left join without match): its value is null anyway. */
    private static ObjectNode placeholderSchema() {
        ObjectNode field = ChangeRows.NODES.objectNode();
        field.put("type", "string");
        return field;
    }

    private static boolean isInteger(String dataType) {
        return List.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint")
                .contains(dataType.toLowerCase(Locale.ROOT));
    }

    private static JsonNode parse(String canonicalKey) {
        try {
            return ChangeRows.JSON.readTree(canonicalKey);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not a canonical key: " + canonicalKey, e);
        }
    }
}
