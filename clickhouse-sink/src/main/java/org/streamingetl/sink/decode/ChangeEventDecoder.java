package org.streamingetl.sink.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.streamingetl.common.kafka.RecordLimits;

/**
 * Parses Debezium change events written by Kafka Connect's JsonConverter with schemas
 * ({@code {"schema": ..., "payload": {"before", "after", "op", ...}}}).
 *
 * <p>The schema is most of each record's bytes (a 10-column row: about 3.5 of 4.2 KB) and the same for every record
 * of a table until its structure changes. So the schema's bytes are compared with the last schema of the topic and
 * only a different schema is parsed (and its {@link RowLayout} built). The payload is read with a streaming parser
 * straight into {@link RowImage}s: no tree, no maps; of the {@code source} block only the commit time and the binlog
 * position are kept ({@link SourcePosition}).
 */
public final class ChangeEventDecoder {

    private static final byte[] SCHEMA_FIELD = "{\"schema\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    static {
        RecordLimits.allowLongStringsByDefault();
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = mapper.getFactory();
    private final Map<String, Schema> lastSchemaByTopic = new HashMap<>();

    /** Decodes one record value; {@code null} (a tombstone) gives {@code null}. */
    public ChangeEvent decode(String topic, byte[] value) {
        return value == null ? null : decode(topic, value, 0, value.length);
    }

    /**
     * Decodes one record value as Kafka's consumer hands it over (a view of the fetched record, read without
     * copying; its position is left as is); {@code null} (a tombstone) gives {@code null}.
     */
    public ChangeEvent decode(String topic, ByteBuffer value) {
        if (value == null) {
            return null;
        }
        if (value.hasArray()) {
            return decode(topic, value.array(), value.arrayOffset() + value.position(), value.remaining());
        }
        byte[] copy = Utils.toArray(value);
        return decode(topic, copy, 0, copy.length);
    }

    private ChangeEvent decode(String topic, byte[] value, int offset, int length) {
        try {
            ChangeEvent fast = decodeWithKnownSchema(topic, value, offset, length);
            return fast != null ? fast
                    : decodeFully(topic, offset == 0 && length == value.length ? value
                            : Arrays.copyOfRange(value, offset, offset + length));
        } catch (MalformedRecordException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The fast path: JsonConverter writes {@code {"schema":<schema>,"payload":<payload>}} compactly, so when the
     * record starts with the exact bytes of the topic's last {@code {"schema":<schema>} and continues with
     * {@code ,"payload":}, only the payload is parsed. Anything else (another layout, a new schema) returns null.
     */
    private ChangeEvent decodeWithKnownSchema(String topic, byte[] value, int offset, int length) throws IOException {
        Schema last = lastSchemaByTopic.get(topic);
        if (last == null || last.prefix == null) {
            return null;
        }
        byte[] prefix = last.prefix;
        int payloadStart = offset + prefix.length + PAYLOAD_FIELD.length;
        int end = offset + length;
        if (end <= payloadStart + 1 || value[end - 1] != '}'
                || !Arrays.equals(prefix, 0, prefix.length, value, offset, offset + prefix.length)
                || !Arrays.equals(PAYLOAD_FIELD, 0, PAYLOAD_FIELD.length, value, offset + prefix.length, payloadStart)) {
            return null;
        }
        return payload(value, payloadStart, end - 1 - payloadStart, last.layout);
    }

    private ChangeEvent decodeFully(String topic, byte[] value) throws IOException {
        Schema schema = null;
        int payloadStart = -1;
        int payloadEnd = -1;
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
                    schema = schema(topic, value, start, (int) parser.currentLocation().getByteOffset());
                } else if (field.equals("payload") && token == JsonToken.START_OBJECT) {
                    payloadStart = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    payloadEnd = (int) parser.currentLocation().getByteOffset();
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (payloadStart < 0 || schema == null) {
            throw notAnEnvelope();
        }
        return payload(value, payloadStart, payloadEnd - payloadStart, schema.layout);
    }

    /** Reads the payload object in {@code value[offset, offset + length)}: op and the row images. */
    private ChangeEvent payload(byte[] value, int offset, int length, RowLayout layout) throws IOException {
        String op = "";
        RowImage before = null;
        RowImage after = null;
        SourcePosition source = null;
        try (JsonParser parser = factory.createParser(value, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnEnvelope();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                boolean image = field.equals("before") || field.equals("after");
                if (image && token == JsonToken.START_OBJECT) {
                    if (layout == null) {
                        parser.skipChildren();
                    } else if (field.equals("before")) {
                        before = layout.read(parser);
                    } else {
                        after = layout.read(parser);
                    }
                } else if (field.equals("op") && token.isScalarValue()) {
                    op = parser.getText();
                } else if (field.equals("source") && token == JsonToken.START_OBJECT) {
                    source = source(parser);
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (op.length() != 1 || "cudrt".indexOf(op.charAt(0)) < 0) {
            throw new MalformedRecordException("unknown Debezium op '" + op + "'");
        }
        if (op.equals("t")) {
            return new ChangeEvent('t', null, null);
        }
        if (layout == null) {
            throw new MalformedRecordException("envelope schema has no 'before'/'after' row schema");
        }
        return new ChangeEvent(op.charAt(0), before, after, layout.schema(), source);
    }

    /** The {@code source} block's commit time and binlog position; the parser is left at its end. */
    private static SourcePosition source(JsonParser parser) throws IOException {
        long tsMs = -1;
        long pos = -1;
        String file = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NUMBER_INT && field.equals("ts_ms")) {
                tsMs = parser.getLongValue();
            } else if (token == JsonToken.VALUE_NUMBER_INT && field.equals("pos")) {
                pos = parser.getLongValue();
            } else if (token == JsonToken.VALUE_STRING && field.equals("file")) {
                file = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return new SourcePosition(tsMs, file, pos);
    }

    private static MalformedRecordException notAnEnvelope() {
        return new MalformedRecordException("not a Debezium envelope with schema: expected fields 'schema' and "
                + "'payload' (is the Connect value converter JsonConverter with schemas.enable=true?)");
    }

    /** The schema in {@code value[start, end)}: the topic's last one when the bytes are the same. */
    private Schema schema(String topic, byte[] value, int start, int end) throws IOException {
        Schema last = lastSchemaByTopic.get(topic);
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
        byte[] prefix = start == SCHEMA_FIELD.length
                && Arrays.equals(SCHEMA_FIELD, 0, SCHEMA_FIELD.length, value, 0, start)
                ? Arrays.copyOfRange(value, 0, end) : null;
        // Not a row change (e.g. a truncate-only schema): no layout, the op decides.
        RowLayout layout = rowSchema == null ? null
                : last != null && last.layout != null && last.layout.schema().equals(rowSchema) ? last.layout
                : new RowLayout(rowSchema);
        Schema schema = new Schema(Arrays.copyOfRange(value, start, end), prefix, layout);
        lastSchemaByTopic.put(topic, schema);
        return schema;
    }

    /**
     * A topic's last envelope schema: its bytes, the record's bytes up to the schema's end when the schema began
     * the record (the fast path's key), and the layout of its row schema (null when it has none).
     */
    private record Schema(byte[] envelopeSchema, byte[] prefix, RowLayout layout) {
    }
}
