package org.streamingetl.common.debezium;

import java.util.Locale;
import org.streamingetl.common.control.ColumnDefinition;

/**
 * How Debezium's MySQL/MariaDB connector encodes a column's values in Kafka Connect, with the converter settings
 * cdc-registrar registers ({@code decimal.handling.mode=precise}, {@code bigint.unsigned.handling.mode=precise},
 * {@code time.precision.mode=adaptive_time_microseconds}, {@code binary.handling.mode=bytes}): the Connect
 * schema type, the logical type name (or null) and, for decimals, the scale.
 *
 * <p>This is the one place that knows it for the consumers that do not get Connect schemas with the values:
 * enricher-gateway declares ksqlDB columns with it, and clickhouse-sink decodes ksqlDB's output with it.
 *
 * @param type        Connect schema type: {@code int16}, {@code int32}, {@code int64}, {@code float},
 *                    {@code double}, {@code boolean}, {@code string}, {@code bytes} or {@code struct}
 * @param logicalName Debezium's or Connect's logical type name, e.g. {@code io.debezium.time.MicroTimestamp}
 * @param scale       the scale of a {@code org.apache.kafka.connect.data.Decimal}, else null
 */
public record DebeziumField(String type, String logicalName, Integer scale) {

    public static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
    public static final String GEOMETRY = "io.debezium.data.geometry.Geometry";

    /** The encoding of a column of this MySQL type. */
    public static DebeziumField of(ColumnDefinition c) {
        String t = c.dataType().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "bit" -> c.length() != null && c.length() == 1 ? plain("boolean") : named("bytes", "io.debezium.data.Bits");
            case "tinyint" -> plain("int16");
            case "smallint" -> plain(c.unsigned() ? "int32" : "int16");
            case "mediumint" -> plain("int32");
            case "int", "integer" -> plain(c.unsigned() ? "int64" : "int32");
            case "bigint" -> c.unsigned() ? new DebeziumField("bytes", DECIMAL, 0) : plain("int64");
            case "float" -> plain("float");
            case "double", "real" -> plain("double");
            case "decimal", "numeric" -> new DebeziumField("bytes", DECIMAL, c.scale() == null ? 0 : c.scale());
            case "date" -> named("int32", "io.debezium.time.Date");
            case "time" -> named("int64", "io.debezium.time.MicroTime");
            case "datetime" -> c.fractionalSeconds() != null && c.fractionalSeconds() > 3
                    ? named("int64", "io.debezium.time.MicroTimestamp") : named("int64", "io.debezium.time.Timestamp");
            case "timestamp" -> named("string", "io.debezium.time.ZonedTimestamp");
            case "year" -> named("int32", "io.debezium.time.Year");
            case "enum" -> named("string", "io.debezium.data.Enum");
            case "set" -> named("string", "io.debezium.data.EnumSet");
            case "json" -> named("string", "io.debezium.data.Json");
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> plain("bytes");
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                 "geometrycollection", "geomcollection" -> named("struct", GEOMETRY);
            default -> plain("string");
        };
    }

    private static DebeziumField plain(String type) {
        return new DebeziumField(type, null, null);
    }

    private static DebeziumField named(String type, String logicalName) {
        return new DebeziumField(type, logicalName, null);
    }
}
