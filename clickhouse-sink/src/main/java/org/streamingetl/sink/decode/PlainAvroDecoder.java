package org.streamingetl.sink.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.debezium.AvroFieldNames;
import org.streamingetl.common.debezium.DebeziumField;

/**
 * Decodes rows of a table as ksqlDB writes them with {@code KEY_FORMAT='AVRO', VALUE_FORMAT='AVRO'}: the Confluent
 * wire format (byte 0, the writer schema's 4-byte id, the Avro body), no Debezium envelope; the key columns in the key
 * (an unwrapped primitive for a single key column, a record of them for several), the other columns in a record
 * value (or, with {@code WRAP_SINGLE_VALUE=false}, the one other column as an unwrapped value); a deleted row as a
 * tombstone (null value).
 *
 * <p>Each writer schema id is fetched once from the registry and compiled into a reader: a field is the column of
 * the same name, or whose Avro name ({@link AvroFieldNames}) it is, or (ksqlDB may upper-case) equal ignoring case;
 * other fields are skipped. A column's value is read by its Avro type and typed by the table's announcement
 * (enricher-gateway's {@code EnrichmentDeployed}) — the Debezium encoding of its MySQL type ({@link DebeziumField}),
 * which the ksqldb engine passes through (a decimal as Avro's decimal) — so it gives the same values as the JSON
 * decoders. A row becomes an upsert ({@code op=c}) of the key, a tombstone a delete of the key.
 */
public final class PlainAvroDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AvroChangeEventDecoder.SchemaSource schemas;
    private final Map<Integer, Schema> writerSchemas = new HashMap<>();
    private final Map<String, Table> byTopic = new HashMap<>();
    private BinaryDecoder decoder;

    public PlainAvroDecoder(AvroChangeEventDecoder.SchemaSource schemas) {
        this.schemas = schemas;
    }

    /** Decodes one record of {@code table}'s topic. */
    public ChangeEvent decode(TableCaptured table, ByteBuffer key, ByteBuffer value) {
        Table t = byTopic.get(table.topic());
        if (t == null || t.captured != table) {
            t = new Table(table);
            byTopic.put(table.topic(), t);
        }
        if (key == null) {
            throw new MalformedRecordException("a row of " + table.qualifiedName() + " without a key; expected the key "
                    + "columns " + table.primaryKey() + " as an Avro key (KEY_FORMAT='AVRO')");
        }
        RowImage keys = read(t, key, true);
        if (value == null) {
            return new ChangeEvent('d', keys, null, t.layout.schema());
        }
        RowImage row = read(t, value, false);
        for (int position : t.keyPositions) {
            row.set(position, keys.valueAt(position));
        }
        return new ChangeEvent('c', null, row, t.layout.schema());
    }

    private RowImage read(Table t, ByteBuffer buffer, boolean isKey) {
        if (!ConfluentWire.isWireFormat(buffer)) {
            throw new MalformedRecordException("the " + (isKey ? "key" : "value") + " is not Avro in the Confluent wire "
                    + "format (magic byte 0 and a 4-byte schema id), as ksqlDB writes KEY_FORMAT/VALUE_FORMAT='AVRO'");
        }
        int id = ConfluentWire.schemaId(buffer);
        Reader reader = (isKey ? t.keyReaders : t.valueReaders).get(id);
        if (reader == null) {
            reader = new Reader(t, writerSchema(id), isKey);
            (isKey ? t.keyReaders : t.valueReaders).put(id, reader);
        }
        try {
            decoder = ConfluentWire.body(buffer, decoder);
            return reader.read(decoder);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedRecordException m) {
                throw m;
            }
            throw new MalformedRecordException("Avro " + (isKey ? "key" : "value") + " does not match its schema id "
                    + id + ": " + e, e);
        }
    }

    private Schema writerSchema(int id) {
        Schema schema = writerSchemas.get(id);
        if (schema == null) {
            try {
                schema = new Schema.Parser().setValidateDefaults(false).parse(schemas.schema(id));
            } catch (SchemaParseException e) {
                throw new MalformedRecordException("schema id " + id + " from the registry is not an Avro schema: "
                        + e.getMessage(), e);
            }
            writerSchemas.put(id, schema);
        }
        return schema;
    }

    /** A table's columns as a row layout, their encodings, where its key columns are, and its compiled readers. */
    private static final class Table {
        final TableCaptured captured;
        final RowLayout layout;
        final DebeziumField[] encodings;
        final int[] keyPositions;
        final Map<String, Integer> byAvroName = new HashMap<>();
        final Map<String, Integer> byLowerCase = new HashMap<>();
        final Map<Integer, Reader> keyReaders = new HashMap<>();
        final Map<Integer, Reader> valueReaders = new HashMap<>();

        Table(TableCaptured captured) {
            this.captured = captured;
            List<String> names = captured.columns().stream().map(c -> c.name()).toList();
            this.layout = new RowLayout(captured.columns(), names);
            this.encodings = captured.columns().stream().map(DebeziumField::of).toArray(DebeziumField[]::new);
            for (int i = 0; i < names.size(); i++) {
                byAvroName.putIfAbsent(AvroFieldNames.of(names.get(i)), i);
                byLowerCase.putIfAbsent(names.get(i).toLowerCase(Locale.ROOT), i);
            }
            List<String> key = captured.primaryKey();
            this.keyPositions = new int[key.size()];
            for (int i = 0; i < key.size(); i++) {
                keyPositions[i] = layout.positionOf(key.get(i));
                if (keyPositions[i] < 0) {
                    throw new MalformedRecordException("key column " + key.get(i) + " of " + captured.qualifiedName()
                            + " is not among its columns");
                }
            }
        }

        /** The column an Avro field holds, or -1. */
        int positionOf(String field) {
            int position = layout.positionOf(field);
            if (position < 0) {
                position = byAvroName.getOrDefault(field, -1);
            }
            return position >= 0 ? position : byLowerCase.getOrDefault(field.toLowerCase(Locale.ROOT), -1);
        }

        /** The one column an unwrapped value (or key) holds: the single key column, or the single other one. */
        int singleColumn(boolean isKey) {
            if (isKey) {
                return keyPositions.length == 1 ? keyPositions[0] : -1;
            }
            int found = -1;
            for (int i = 0; i < layout.size(); i++) {
                int position = i;
                if (java.util.Arrays.stream(keyPositions).noneMatch(k -> k == position)) {
                    if (found >= 0) {
                        return -1;
                    }
                    found = i;
                }
            }
            return found;
        }
    }

    /** The reader of one writer schema of a table's keys or values, into {@link RowImage}s of its layout. */
    private static final class Reader {
        private final Table table;
        private final Schema union;
        private final int[] positions;
        private final Schema[] skipped;
        private final AvroFieldReader[] readers;

        Reader(Table table, Schema writer, boolean isKey) {
            this.table = table;
            this.union = writer.getType() == Schema.Type.UNION ? writer : null;
            Schema schema = nonNull(writer);
            if (schema.getType() == Schema.Type.RECORD) {
                List<Schema.Field> fields = schema.getFields();
                positions = new int[fields.size()];
                skipped = new Schema[fields.size()];
                readers = new AvroFieldReader[fields.size()];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] = table.positionOf(fields.get(i).name());
                    if (positions[i] < 0) {
                        skipped[i] = fields.get(i).schema();
                    } else {
                        readers[i] = reader(fields.get(i).schema(), table.encodings[positions[i]]);
                    }
                }
                if (isKey) {
                    for (int k : table.keyPositions) {
                        if (java.util.Arrays.stream(positions).noneMatch(p -> p == k)) {
                            throw new MalformedRecordException("the key schema lacks key column "
                                    + table.layout.names().get(k) + " of " + table.captured.qualifiedName() + ": " + writer);
                        }
                    }
                }
            } else {
                int column = table.singleColumn(isKey);
                if (column < 0) {
                    throw new MalformedRecordException("an unwrapped Avro " + (isKey ? "key" : "value") + " (" + schema
                            + ") for " + table.captured.qualifiedName() + ", which has " + (isKey ? "key columns "
                            + table.captured.primaryKey() : "more than one non-key column"));
                }
                positions = new int[] {column};
                skipped = new Schema[1];
                readers = new AvroFieldReader[] {reader(schema, table.encodings[column])};
            }
        }

        RowImage read(BinaryDecoder in) throws IOException {
            if (union != null && union.getTypes().get(in.readIndex()).getType() == Schema.Type.NULL) {
                throw new MalformedRecordException("a null row in a non-null record (a tombstone has no value at all)");
            }
            RowImage row = new RowImage(table.layout);
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] < 0) {
                    GenericDatumReader.skip(skipped[i], in);
                    continue;
                }
                try {
                    row.set(positions[i], readers[i].read(in));
                } catch (RuntimeException e) {
                    throw new MalformedRecordException("column " + table.layout.names().get(positions[i]) + ": "
                            + e.getMessage(), e);
                }
            }
            return row;
        }
    }

    /**
     * The reader of a field written with Avro schema {@code writer} that holds a column of Debezium encoding
     * {@code encoding}: the writer schema noted with the encoding's Connect type (as Apicurio's converter notes it on
     * Debezium's change events), so {@link AvroFieldReader} reads it as it reads a change event's column.
     */
    static AvroFieldReader reader(Schema writer, DebeziumField encoding) {
        if (encoding.logicalName() == null) {
            return AvroFieldReader.forSchema(writer);
        }
        try {
            JsonNode noted = noted(JSON.readTree(writer.toString()), encoding);
            return AvroFieldReader.forSchema(new Schema.Parser().setValidateDefaults(false).parse(noted.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back Avro's own schema text", e);
        }
    }

    private static JsonNode noted(JsonNode schema, DebeziumField encoding) {
        if (schema.isArray()) {
            ArrayNode branches = JsonNodeFactory.instance.arrayNode();
            schema.forEach(b -> branches.add("null".equals(b.asText()) ? b : noted(b, encoding)));
            return branches;
        }
        ObjectNode noted = schema.isTextual() ? JsonNodeFactory.instance.objectNode().put("type", schema.asText())
                : ((ObjectNode) schema).deepCopy();
        noted.put("connect.name", encoding.logicalName());
        if (encoding.scale() != null) {
            noted.putObject("connect.parameters").put("scale", encoding.scale().toString());
        }
        return noted;
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return schema;
    }
}
