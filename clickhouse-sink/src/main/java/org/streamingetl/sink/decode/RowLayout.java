package org.streamingetl.sink.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one Debezium row schema, in schema order (with, for JSON records, the decoder of each). Shared by
 * every {@link RowImage} decoded with that schema, so a consumer can map its columns to field positions once per
 * schema instead of once per row.
 */
public final class RowLayout {

    private final Object schema;
    private final List<String> names;
    private final Map<String, Integer> positions;
    private final FieldDecoder[] decoders;

    /** The layout of a row schema as Kafka Connect's JsonConverter writes it. */
    RowLayout(JsonNode schema) {
        this(schema, fieldNames(schema), fieldDecoders(schema));
    }

    /**
     * A layout of the given field names whose values are read by someone else (the Avro decoder); {@code schema}
     * identifies the row's structure (compared with {@code equals}).
     */
    RowLayout(Object schema, List<String> names) {
        this(schema, names, new FieldDecoder[names.size()]);
    }

    private RowLayout(Object schema, List<String> names, FieldDecoder[] decoders) {
        this.schema = schema;
        this.names = List.copyOf(names);
        this.decoders = decoders;
        this.positions = new HashMap<>();
        for (int i = 0; i < this.names.size(); i++) {
            positions.put(this.names.get(i), i);
        }
    }

    private static List<String> fieldNames(JsonNode schema) {
        List<String> fieldNames = new ArrayList<>();
        for (JsonNode field : schema.path("fields")) {
            fieldNames.add(field.path("field").asText());
        }
        return fieldNames;
    }

    private static FieldDecoder[] fieldDecoders(JsonNode schema) {
        List<FieldDecoder> fieldDecoders = new ArrayList<>();
        for (JsonNode field : schema.path("fields")) {
            fieldDecoders.add(FieldDecoder.forSchema(field));
        }
        return fieldDecoders.toArray(new FieldDecoder[0]);
    }

    /** The schema of the row, as the record carried it (Connect's JSON schema, or the Avro record schema). */
    Object schema() {
        return schema;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** The position of field {@code name}, or -1 when the schema has no such field. */
    public int positionOf(String name) {
        Integer position = positions.get(name);
        return position == null ? -1 : position;
    }

    FieldDecoder decoder(int position) {
        return decoders[position];
    }

    /**
     * Reads one row object into a {@link RowImage}; the parser is on its START_OBJECT and ends on its END_OBJECT.
     * Fields the schema does not have are skipped.
     */
    RowImage read(JsonParser parser) throws IOException {
        RowImage row = new RowImage(this);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int position = positionOf(parser.currentName());
            parser.nextToken();
            if (position < 0) {
                parser.skipChildren();
            } else {
                row.set(position, decode(position, parser));
            }
        }
        return row;
    }

    /** Decodes the value at the parser's current token as field {@code position}. */
    Object decode(int position, JsonParser parser) throws IOException {
        try {
            return decoders[position].decode(parser);
        } catch (RuntimeException e) {
            throw new MalformedRecordException("column " + names.get(position) + ": " + e.getMessage(), e);
        }
    }
}
