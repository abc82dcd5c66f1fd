package org.streamingetl.sink.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Debezium change events written by Kafka Connect's JsonConverter with schemas
 * ({@code {"schema": ..., "payload": {"before", "after", "op", ...}}}).
 *
 * <p>The schema is most of each record's bytes (a 10-column row: about 3.5 of 4.2 KB) and the same for every record
 * of a table until its structure changes. So one streaming pass finds the schema's bytes and compares them with the
 * last schema of the topic; only a different schema is parsed (and its field decoders built). Just the payload is
 * read into a tree.
 */
public final class ChangeEventDecoder {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final JsonFactory factory = mapper.getFactory();
    private final Map<String, RowDecoder> lastDecoderByTopic = new HashMap<>();

    /** Decodes one record value; {@code null} (a tombstone) gives {@code null}. */
    public ChangeEvent decode(String topic, byte[] value) {
        if (value == null) {
            return null;
        }
        ChangeEvent fast = decodeWithKnownSchema(topic, value);
        return fast != null ? fast : decodeFully(topic, value);
    }

    /**
     * The fast path: JsonConverter writes {@code {"schema":<schema>,"payload":<payload>}} compactly, so when the
     * record starts with the exact bytes of the topic's last {@code {"schema":<schema>} and continues with
     * {@code ,"payload":}, only the payload is parsed. Anything else (another layout, a new schema) returns null.
     */
    private ChangeEvent decodeWithKnownSchema(String topic, byte[] value) {
        RowDecoder last = lastDecoderByTopic.get(topic);
        if (last == null || last.prefix == null) {
            return null;
        }
        byte[] prefix = last.prefix;
        int payloadStart = prefix.length + PAYLOAD_FIELD.length;
        if (value.length <= payloadStart + 1 || value[value.length - 1] != '}'
                || !Arrays.equals(prefix, 0, prefix.length, value, 0, prefix.length)
                || !Arrays.equals(PAYLOAD_FIELD, 0, PAYLOAD_FIELD.length, value, prefix.length, payloadStart)) {
            return null;
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(value, payloadStart, value.length - 1 - payloadStart);
        } catch (IOException e) {
            return null;
        }
        if (payload == null || !payload.isObject()) {
            return null;
        }
        return event(payload, last);
    }

    private static final byte[] SCHEMA_FIELD = "{\"schema\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ChangeEvent decodeFully(String topic, byte[] value) {
        RowDecoder rows = null;
        JsonNode payload = null;
        boolean sawSchema = false;
        try (JsonParser parser = factory.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnEnvelope();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals("schema") && token == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentLocation().getByteOffset();
                    rows = rowDecoder(topic, value, start, end);
                    sawSchema = true;
                } else if (field.equals("payload") && token == JsonToken.START_OBJECT) {
                    payload = mapper.readTree(parser);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (MalformedRecordException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage(), e);
        }
        if (payload == null || !sawSchema) {
            throw notAnEnvelope();
        }
        return event(payload, rows);
    }

    private static ChangeEvent event(JsonNode payload, RowDecoder rows) {
        String op = payload.path("op").asText("");
        if (op.length() != 1 || "cudrt".indexOf(op.charAt(0)) < 0) {
            throw new MalformedRecordException("unknown Debezium op '" + op + "'");
        }
        if (op.equals("t")) {
            return new ChangeEvent('t', null, null);
        }
        if (rows == null) {
            throw new MalformedRecordException("envelope schema has no 'before'/'after' row schema");
        }
        return new ChangeEvent(op.charAt(0), rows.decode(payload.get("before")), rows.decode(payload.get("after")),
                rows.schema);
    }

    private static MalformedRecordException notAnEnvelope() {
        return new MalformedRecordException("not a Debezium envelope with schema: expected fields 'schema' and "
                + "'payload' (is the Connect value converter JsonConverter with schemas.enable=true?)");
    }

    /** The decoder of the row schema in {@code value[start, end)}: the topic's last one when the bytes are the same. */
    private RowDecoder rowDecoder(String topic, byte[] value, int start, int end) throws IOException {
        RowDecoder last = lastDecoderByTopic.get(topic);
        if (last != null && Arrays.equals(last.envelopeSchema, 0, last.envelopeSchema.length, value, start, end)) {
            return last;
        }
        JsonNode envelopeSchema = mapper.readTree(value, start, end - start);
        JsonNode rowSchema = null;
        for (JsonNode field : envelopeSchema.path("fields")) {
            String name = field.path("field").asText();
            if (name.equals("after") || name.equals("before")) {
                rowSchema = field;
                break;
            }
        }
        if (rowSchema == null) {
            // Not a row change (e.g. a truncate-only schema); no decoder, the op decides.
            return null;
        }
        byte[] prefix = start == SCHEMA_FIELD.length
                && Arrays.equals(SCHEMA_FIELD, 0, SCHEMA_FIELD.length, value, 0, start)
                ? Arrays.copyOfRange(value, 0, end) : null;
        RowDecoder decoder = last != null && last.schema.equals(rowSchema)
                ? new RowDecoder(last, Arrays.copyOfRange(value, start, end), prefix)
                : new RowDecoder(rowSchema, Arrays.copyOfRange(value, start, end), prefix);
        lastDecoderByTopic.put(topic, decoder);
        return decoder;
    }

    /** Decoders for the fields of one row schema. */
    private static final class RowDecoder {
        private final JsonNode schema;
        private final byte[] envelopeSchema;
        /** The record's bytes up to the schema's end, when it began the record: the fast path's key. */
        private final byte[] prefix;
        private final List<String> names;
        private final List<FieldDecoder> decoders;

        RowDecoder(JsonNode schema, byte[] envelopeSchema, byte[] prefix) {
            this.schema = schema;
            this.envelopeSchema = envelopeSchema;
            this.prefix = prefix;
            this.names = new ArrayList<>();
            this.decoders = new ArrayList<>();
            for (JsonNode field : schema.path("fields")) {
                names.add(field.path("field").asText());
                decoders.add(FieldDecoder.forSchema(field));
            }
        }

        /** The same row schema inside different envelope bytes (e.g. another connector name in the envelope). */
        RowDecoder(RowDecoder same, byte[] envelopeSchema, byte[] prefix) {
            this.schema = same.schema;
            this.envelopeSchema = envelopeSchema;
            this.prefix = prefix;
            this.names = same.names;
            this.decoders = same.decoders;
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
