package org.streamingetl.sink.decode;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Debezium change events written by Kafka Connect's JsonConverter with schemas
 * ({@code {"schema": ..., "payload": {"before", "after", "op", ...}}}). The row schema of the last event of each
 * topic is kept, so consecutive events with the same schema reuse their field decoders.
 */
public final class ChangeEventDecoder {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final Map<String, RowDecoder> lastDecoderByTopic = new HashMap<>();

    /** Decodes one record value; {@code null} (a tombstone) gives {@code null}. */
    public ChangeEvent decode(String topic, byte[] value) {
        if (value == null) {
            return null;
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage(), e);
        }
        JsonNode payload = root.path("payload");
        JsonNode schema = root.path("schema");
        if (!payload.isObject() || !schema.isObject()) {
            throw new MalformedRecordException("not a Debezium envelope with schema: expected fields 'schema' and "
                    + "'payload' (is the Connect value converter JsonConverter with schemas.enable=true?)");
        }
        String op = payload.path("op").asText("");
        if (op.length() != 1 || "cudrt".indexOf(op.charAt(0)) < 0) {
            throw new MalformedRecordException("unknown Debezium op '" + op + "'");
        }
        if (op.equals("t")) {
            return new ChangeEvent('t', null, null);
        }
        RowDecoder rows = rowDecoder(topic, schema);
        return new ChangeEvent(op.charAt(0), rows.decode(payload.get("before")), rows.decode(payload.get("after")),
                rows.schema);
    }

    private RowDecoder rowDecoder(String topic, JsonNode envelopeSchema) {
        JsonNode rowSchema = null;
        for (JsonNode field : envelopeSchema.path("fields")) {
            String name = field.path("field").asText();
            if (name.equals("after") || name.equals("before")) {
                rowSchema = field;
                break;
            }
        }
        if (rowSchema == null) {
            throw new MalformedRecordException("envelope schema has no 'before'/'after' row schema");
        }
        RowDecoder last = lastDecoderByTopic.get(topic);
        if (last != null && last.schema.equals(rowSchema)) {
            return last;
        }
        RowDecoder decoder = new RowDecoder(rowSchema);
        lastDecoderByTopic.put(topic, decoder);
        return decoder;
    }

    /** Decoders for the fields of one row schema. */
    private static final class RowDecoder {
        private final JsonNode schema;
        private final List<String> names = new ArrayList<>();
        private final List<FieldDecoder> decoders = new ArrayList<>();

        RowDecoder(JsonNode schema) {
            this.schema = schema;
            for (JsonNode field : schema.path("fields")) {
                names.add(field.path("field").asText());
                decoders.add(FieldDecoder.forSchema(field));
            }
        }

        Map<String, Object> decode(JsonNode row) {
            if (row == null || row.isNull()) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                try {
                    values.put(name, decoders.get(i).decode(row.get(name)));
                } catch (RuntimeException e) {
                    throw new MalformedRecordException("column " + name + ": " + e.getMessage(), e);
                }
            }
            return values;
        }
    }
}
