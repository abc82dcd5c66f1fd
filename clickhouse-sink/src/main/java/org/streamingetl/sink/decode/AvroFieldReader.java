package org.streamingetl.sink.decode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;

/**
 * Reads one field of a Debezium row from its Avro binary form into the same canonical Java value
 * {@link FieldDecoder} gives for JSON, guided by the field's writer schema: its Avro type and the Kafka Connect type
 * the converter noted on it ({@code connect.name}, {@code connect.parameters}) — never by the value's looks.
 */
@FunctionalInterface
interface AvroFieldReader {

    Object read(Decoder in) throws IOException;

    /** The reader of a field whose writer schema is {@code schema} (a {@code ["null", T]} union when optional). */
    static AvroFieldReader forSchema(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> branches = schema.getTypes();
            AvroFieldReader[] readers = new AvroFieldReader[branches.size()];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = branches.get(i).getType() == Schema.Type.NULL ? in -> {
                    in.readNull();
                    return null;
                } : forSchema(branches.get(i));
            }
            return in -> readers[in.readIndex()].read(in);
        }
        String name = connectName(schema);
        return switch (name) {
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> in -> LocalDate.ofEpochDay(integer(in, schema));
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" -> in -> fromEpoch(integer(in, schema), 1_000_000L);
            case "io.debezium.time.MicroTimestamp" -> in -> fromEpoch(in.readLong(), 1_000L);
            case "io.debezium.time.NanoTimestamp" -> in -> fromEpoch(in.readLong(), 1L);
            case "io.debezium.time.ZonedTimestamp" -> in -> IsoInstant.parse(in.readString());
            case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time" -> in -> Duration.ofMillis(integer(in, schema));
            case "io.debezium.time.MicroTime" -> in -> Duration.ofNanos(Math.multiplyExact(in.readLong(), 1_000L));
            case "io.debezium.time.NanoTime" -> in -> Duration.ofNanos(in.readLong());
            case "org.apache.kafka.connect.data.Decimal" -> decimal(scale(schema));
            case "io.debezium.data.VariableScaleDecimal" -> record(schema, "value", "scale", (value, scale) ->
                    new BigDecimal(new BigInteger((byte[]) value), ((Number) scale).intValue()));
            case "io.debezium.data.geometry.Geometry", "io.debezium.data.geometry.Point",
                 "io.debezium.data.geometry.Geography" -> record(schema, "wkb", null, (wkb, unused) -> wkb);
            default -> primitive(schema);
        };
    }

    /** The Connect type name the converter wrote on the schema ({@code connect.name}), or the record's own name. */
    static String connectName(Schema schema) {
        String name = schema.getProp("connect.name");
        if (name != null) {
            return name;
        }
        return schema.getType() == Schema.Type.RECORD ? schema.getFullName() : "";
    }

    private static AvroFieldReader primitive(Schema schema) {
        return switch (schema.getType()) {
            case INT -> in -> (long) in.readInt();
            case LONG -> Decoder::readLong;
            // As JsonConverter writes a FLOAT (its shortest decimal text), so both formats give the same double.
            case FLOAT -> in -> Double.parseDouble(Float.toString(in.readFloat()));
            case DOUBLE -> Decoder::readDouble;
            case BOOLEAN -> Decoder::readBoolean;
            case STRING -> Decoder::readString;
            case BYTES -> AvroFieldReader::bytes;
            case FIXED -> in -> {
                byte[] fixed = new byte[schema.getFixedSize()];
                in.readFixed(fixed);
                return fixed;
            };
            case ENUM -> in -> schema.getEnumSymbols().get(in.readEnum());
            default -> throw new MalformedRecordException("unsupported Avro type " + schema.getType()
                    + " (Connect type '" + connectName(schema) + "') in a row schema");
        };
    }

    /** Connect's Decimal: the unscaled two's complement bytes; the scale is in the schema. */
    private static AvroFieldReader decimal(int scale) {
        return in -> new BigDecimal(new BigInteger(bytes(in)), scale);
    }

    private static int scale(Schema schema) {
        Object parameters = schema.getObjectProp("connect.parameters");
        if (parameters instanceof Map<?, ?> map && map.get("scale") != null) {
            return Integer.parseInt(map.get("scale").toString());
        }
        Object scale = schema.getObjectProp("scale");
        if (scale instanceof Number n) {
            return n.intValue();
        }
        throw new MalformedRecordException("Decimal schema without a scale: " + schema);
    }

    /** A record whose fields {@code first} and {@code second} (may be null) make the value. */
    private static AvroFieldReader record(Schema schema, String first, String second,
                                          java.util.function.BiFunction<Object, Object, Object> value) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new MalformedRecordException(connectName(schema) + " is not an Avro record: " + schema);
        }
        List<Schema.Field> fields = schema.getFields();
        AvroFieldReader[] readers = new AvroFieldReader[fields.size()];
        int firstAt = -1;
        int secondAt = -1;
        for (int i = 0; i < readers.length; i++) {
            readers[i] = forSchema(fields.get(i).schema());
            if (fields.get(i).name().equals(first)) {
                firstAt = i;
            } else if (fields.get(i).name().equals(second)) {
                secondAt = i;
            }
        }
        if (firstAt < 0) {
            throw new MalformedRecordException(connectName(schema) + " has no field '" + first + "': " + schema);
        }
        int a = firstAt;
        int b = secondAt;
        return in -> {
            Object[] values = new Object[readers.length];
            for (int i = 0; i < readers.length; i++) {
                values[i] = readers[i].read(in);
            }
            return value.apply(values[a], b < 0 ? null : values[b]);
        };
    }

    private static long integer(Decoder in, Schema schema) throws IOException {
        return schema.getType() == Schema.Type.INT ? in.readInt() : in.readLong();
    }

    private static byte[] bytes(Decoder in) throws IOException {
        ByteBuffer buffer = in.readBytes(null);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static LocalDateTime fromEpoch(long units, long nanosPerUnit) {
        long perSecond = 1_000_000_000L / nanosPerUnit;
        long seconds = Math.floorDiv(units, perSecond);
        long nanos = Math.floorMod(units, perSecond) * nanosPerUnit;
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }
}
