package org.streamingetl.sink.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.streamingetl.common.registry.SchemaUnavailableException;

/**
 * Parses Debezium change events written by an Avro converter in the Confluent wire format (Apicurio's
 * {@code AvroConverter} with {@code as-confluent=true}): byte 0, the writer schema's 4-byte id, then the Avro binary
 * envelope. Each schema id is fetched once from the registry and compiled into a reader of the envelope (op and the
 * before/after row images, straight into {@link RowImage}s; everything else skipped); records are never decoded
 * through generic Avro records, and the registry is never called per record.
 */
public final class AvroChangeEventDecoder {

    /** First byte of the Confluent wire format. */
    public static final byte MAGIC = ConfluentWire.MAGIC;

    /** Where the writer schemas come from (the registry's Confluent-compatible API). */
    @FunctionalInterface
    public interface SchemaSource {
        /** The schema text of {@code id}; throws {@link SchemaUnavailableException} when it cannot be had now. */
        String schema(int id);
    }

    /** Debezium's parameter holding a column's own name (column.propagate.source.type), exact even when the
     * Avro field name had to be adjusted ({@code field.name.adjustment.mode}). */
    private static final String SOURCE_COLUMN_NAME = "__debezium.source.column.name";

    private final SchemaSource schemas;
    private final Map<Integer, Envelope> envelopes = new HashMap<>();
    private final Map<Schema, RowReader> rowReaders = new HashMap<>();
    private BinaryDecoder decoder;

    public AvroChangeEventDecoder(SchemaSource schemas) {
        this.schemas = schemas;
    }

    /** Decodes one record value (a view of the fetched record, read without copying); null (a tombstone) gives null. */
    public ChangeEvent decode(ByteBuffer value) {
        if (value == null) {
            return null;
        }
        if (!ConfluentWire.isWireFormat(value)) {
            throw new MalformedRecordException("not an Avro record in the Confluent wire format (magic byte 0 and a "
                    + "4-byte schema id): is the connector's value converter Apicurio's AvroConverter with "
                    + "apicurio.registry.as-confluent=true?");
        }
        int id = ConfluentWire.schemaId(value);
        Envelope envelope = envelope(id);
        try {
            decoder = ConfluentWire.body(value, decoder);
            return envelope.read(decoder);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedRecordException m) {
                throw m;
            }
            throw new MalformedRecordException("Avro record does not match its schema id " + id + ": " + e, e);
        }
    }

    private Envelope envelope(int id) {
        Envelope envelope = envelopes.get(id);
        if (envelope == null) {
            String text = schemas.schema(id);
            Schema schema;
            try {
                schema = new Schema.Parser().setValidateDefaults(false).parse(text);
            } catch (SchemaParseException e) {
                throw new MalformedRecordException("schema id " + id + " from the registry is not an Avro schema: "
                        + e.getMessage(), e);
            }
            envelope = new Envelope(schema);
            envelopes.put(id, envelope);
        }
        return envelope;
    }

    /** The reader of one writer schema of the Debezium envelope. */
    private final class Envelope {
        private final List<Schema.Field> fields;
        private final Step[] steps;
        private final RowReader rows;

        Envelope(Schema schema) {
            if (schema.getType() != Schema.Type.RECORD) {
                throw new MalformedRecordException("not a Debezium envelope: the schema is " + schema.getType());
            }
            fields = schema.getFields();
            steps = new Step[fields.size()];
            RowReader rowReader = null;
            for (int i = 0; i < steps.length; i++) {
                Schema.Field field = fields.get(i);
                switch (field.name()) {
                    case "before", "after" -> {
                        Schema row = nonNull(field.schema());
                        if (row.getType() != Schema.Type.RECORD) {
                            throw new MalformedRecordException("envelope field '" + field.name() + "' is not a row record");
                        }
                        rowReader = rowReaders.computeIfAbsent(row, RowReader::new);
                        steps[i] = field.name().equals("before") ? Step.BEFORE : Step.AFTER;
                    }
                    case "op" -> steps[i] = Step.OP;
                    case "source" -> steps[i] = nonNull(field.schema()).getType() == Schema.Type.RECORD
                            ? Step.SOURCE : Step.SKIP;
                    default -> steps[i] = Step.SKIP;
                }
            }
            rows = rowReader;
        }

        ChangeEvent read(BinaryDecoder in) throws IOException {
            String op = "";
            RowImage before = null;
            RowImage after = null;
            SourcePosition source = null;
            for (int i = 0; i < steps.length; i++) {
                Schema fieldSchema = fields.get(i).schema();
                switch (steps[i]) {
                    case BEFORE -> before = rows.readOptional(fieldSchema, in);
                    case AFTER -> after = rows.readOptional(fieldSchema, in);
                    case OP -> op = readOp(fieldSchema, in);
                    case SOURCE -> source = readSource(fieldSchema, in);
                    case SKIP -> GenericDatumReader.skip(fieldSchema, in);
                }
            }
            if (op.length() != 1 || "cudrt".indexOf(op.charAt(0)) < 0) {
                throw new MalformedRecordException("unknown Debezium op '" + op + "'");
            }
            if (op.equals("t")) {
                return new ChangeEvent('t', null, null);
            }
            if (rows == null) {
                throw new MalformedRecordException("envelope schema has no 'before'/'after' row schema");
            }
            return new ChangeEvent(op.charAt(0), before, after, rows.layout.schema(), source);
        }
    }

    private enum Step { BEFORE, AFTER, OP, SOURCE, SKIP }

    /**
     * Debezium's {@code source} block: the commit time ({@code ts_ms}) and the binlog file and position
     * ({@code file}, {@code pos}) as the JSON decoder keeps them ({@link SourcePosition}); its other fields skipped.
     */
    private static SourcePosition readSource(Schema schema, BinaryDecoder in) throws IOException {
        if (schema.getType() == Schema.Type.UNION) {
            Schema branch = schema.getTypes().get(in.readIndex());
            if (branch.getType() == Schema.Type.NULL) {
                return null;
            }
            schema = branch;
        }
        long tsMs = -1;
        String file = null;
        long pos = -1;
        for (Schema.Field field : schema.getFields()) {
            Schema type = field.schema();
            if (type.getType() == Schema.Type.UNION) {
                type = type.getTypes().get(in.readIndex());
                if (type.getType() == Schema.Type.NULL) {
                    continue;
                }
            }
            switch (field.name()) {
                case "ts_ms" -> tsMs = type.getType() == Schema.Type.INT ? in.readInt() : type.getType() == Schema.Type.LONG
                        ? in.readLong() : skip(type, in, -1);
                case "pos" -> pos = type.getType() == Schema.Type.INT ? in.readInt() : type.getType() == Schema.Type.LONG
                        ? in.readLong() : skip(type, in, -1);
                case "file" -> {
                    if (type.getType() == Schema.Type.STRING) {
                        file = in.readString();
                    } else {
                        GenericDatumReader.skip(type, in);
                    }
                }
                default -> GenericDatumReader.skip(type, in);
            }
        }
        return new SourcePosition(tsMs, file, pos);
    }

    private static long skip(Schema type, BinaryDecoder in, long value) throws IOException {
        GenericDatumReader.skip(type, in);
        return value;
    }

    private static String readOp(Schema schema, BinaryDecoder in) throws IOException {
        if (schema.getType() == Schema.Type.UNION) {
            Schema branch = schema.getTypes().get(in.readIndex());
            if (branch.getType() == Schema.Type.NULL) {
                return "";
            }
            return in.readString();
        }
        return in.readString();
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

    /** Reads the row record of one schema into {@link RowImage}s named by the MySQL columns. */
    private static final class RowReader {
        private final RowLayout layout;
        private final AvroFieldReader[] readers;

        RowReader(Schema row) {
            List<String> names = new ArrayList<>();
            List<Schema.Field> fields = row.getFields();
            readers = new AvroFieldReader[fields.size()];
            for (int i = 0; i < readers.length; i++) {
                Schema.Field field = fields.get(i);
                names.add(columnName(field));
                readers[i] = AvroFieldReader.forSchema(field.schema());
            }
            layout = new RowLayout(row, names);
        }

        /** A {@code ["null", row]} union (or the row itself): null or the image. */
        RowImage readOptional(Schema schema, BinaryDecoder in) throws IOException {
            if (schema.getType() == Schema.Type.UNION) {
                Schema branch = schema.getTypes().get(in.readIndex());
                if (branch.getType() == Schema.Type.NULL) {
                    return null;
                }
            }
            RowImage image = new RowImage(layout);
            for (int i = 0; i < readers.length; i++) {
                try {
                    image.set(i, readers[i].read(in));
                } catch (RuntimeException e) {
                    throw new MalformedRecordException("column " + layout.names().get(i) + ": " + e.getMessage(), e);
                }
            }
            return image;
        }

        /** The MySQL column's own name: Debezium's source-column parameter when present, else the field name. */
        private static String columnName(Schema.Field field) {
            Object parameters = nonNull(field.schema()).getObjectProp("connect.parameters");
            if (parameters instanceof Map<?, ?> map && map.get(SOURCE_COLUMN_NAME) != null) {
                return map.get(SOURCE_COLUMN_NAME).toString();
            }
            return field.name();
        }
    }
}
