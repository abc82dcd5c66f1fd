package org.streamingetl.sink.mapping;

import static org.streamingetl.sink.encode.ValueWriters.date32;
import static org.streamingetl.sink.encode.ValueWriters.dateTime64;
import static org.streamingetl.sink.encode.ValueWriters.decimal;
import static org.streamingetl.sink.encode.ValueWriters.float32;
import static org.streamingetl.sink.encode.ValueWriters.float64;
import static org.streamingetl.sink.encode.ValueWriters.formatted;
import static org.streamingetl.sink.encode.ValueWriters.signed;
import static org.streamingetl.sink.encode.ValueWriters.string;
import static org.streamingetl.sink.encode.ValueWriters.timeMicros;
import static org.streamingetl.sink.encode.ValueWriters.unsigned;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.encode.ValueWriter;
import org.streamingetl.sink.encode.ValueWriters;

/**
 * The one place where a MySQL column type becomes a ClickHouse type. Every rule here is a row of
 * docs/type-mapping.md; change both together.
 */
public final class TypeMapper {

    private static final Logger LOG = Logger.getLogger(TypeMapper.class);

    private final ServerCapabilities server;

    private final boolean temporalAsText;

    public TypeMapper(ServerCapabilities server) {
        this(server, false);
    }

    /**
     * @param temporalAsText map DATE/DATETIME/TIMESTAMP to their text form even on a modern server, for sources with
     *                       dates outside Date32/DateTime64's 1900..2299 ({@code sink.mapping.temporal=text})
     */
    public TypeMapper(ServerCapabilities server, boolean temporalAsText) {
        this.server = server;
        this.temporalAsText = temporalAsText;
    }

    public ClickHouseColumn map(ColumnDefinition column) {
        Mapped base = mapBase(column);
        ClickHouseColumn mapped;
        if (column.nullable()) {
            // ClickHouse refuses Nullable(LowCardinality(T)); LowCardinality(Nullable(T)) has the same RowBinary form.
            String type = base.type.startsWith("LowCardinality(")
                    ? "LowCardinality(Nullable(" + base.type.substring("LowCardinality(".length()) + ")"
                    : "Nullable(" + base.type + ")";
            mapped = new ClickHouseColumn(column.name(), type, ValueWriters.nullable(base.writer), null);
        } else {
            mapped = new ClickHouseColumn(column.name(), base.type, ValueWriters.notNull(base.writer), base.zero);
        }
        return withBackfill(column, mapped);
    }

    /**
     * The column with its backfill ({@link BackfillValue}) as missing value and {@code DEFAULT}; a backfill that does
     * not fit the column (never expected: MySQL accepted it as a default) is logged and left out.
     */
    private static ClickHouseColumn withBackfill(ColumnDefinition column, ClickHouseColumn mapped) {
        try {
            Optional<Object> backfill = BackfillValue.of(column);
            if (backfill.isEmpty()) {
                return mapped;
            }
            Object value = backfill == BackfillValue.NULL ? null : backfill.get();
            RowBinaryOutput out = new RowBinaryOutput(32);
            mapped.writer().write(out, value);
            return new ClickHouseColumn(mapped.name(), mapped.type(), mapped.writer(), value,
                    value == null ? null : DefaultLiteral.of(mapped.type(), out.toByteArray()));
        } catch (RuntimeException e) {
            LOG.warnf("Column %s: its default %s cannot be given to rows written before the column existed (%s);"
                    + " they get %s", column.name(), column.backfill().value(), e.getMessage(),
                    mapped.missingValue() == null ? "NULL" : "the type's zero value");
            return mapped;
        }
    }

    /** A base type, its writer, and the zero value of the type in the writer's input form. */
    private record Mapped(String type, ValueWriter writer, Object zero) {
        Mapped(String type, ValueWriter writer) {
            this(type, writer, zeroOf(type));
        }
    }

    private static Object zeroOf(String type) {
        if (type.startsWith("Int") || type.startsWith("UInt")) {
            return 0L;
        }
        if (type.startsWith("Float")) {
            return 0.0d;
        }
        if (type.startsWith("Decimal")) {
            return java.math.BigDecimal.ZERO;
        }
        if (type.equals("Date32")) {
            return LocalDate.EPOCH;
        }
        if (type.startsWith("DateTime64(") && type.contains("UTC")) {
            return Instant.EPOCH;
        }
        if (type.startsWith("DateTime64(")) {
            return LocalDateTime.of(1970, 1, 1, 0, 0);
        }
        return "";
    }

    private Mapped mapBase(ColumnDefinition c) {
        String t = c.dataType().toLowerCase(Locale.ROOT);
        int fsp = c.fractionalSeconds() == null ? 0 : c.fractionalSeconds();
        return switch (t) {
            case "tinyint" -> integer(c, 1);
            case "smallint" -> integer(c, 2);
            case "mediumint", "int", "integer" -> integer(c, 4);
            case "bigint" -> integer(c, 8);
            case "decimal", "numeric" -> decimalType(c);
            case "float" -> new Mapped("Float32", float32());
            case "double", "real" -> new Mapped("Float64", float64());
            case "bit" -> c.length() != null && c.length() == 1
                    ? new Mapped("UInt8", unsigned(1)) : new Mapped("UInt64", unsigned(8));
            case "year" -> new Mapped("UInt16", unsigned(2));
            case "date" -> server.date32() && !temporalAsText
                    ? new Mapped("Date32", date32())
                    : new Mapped("String", formatted(LocalDate.class, TemporalText::date), LocalDate.EPOCH);
            case "datetime" -> server.dateTime64() && !temporalAsText
                    ? new Mapped("DateTime64(" + fsp + ")", dateTime64(fsp))
                    : new Mapped("String", formatted(LocalDateTime.class, v -> TemporalText.dateTime(v, fsp)),
                            LocalDateTime.of(1970, 1, 1, 0, 0));
            case "timestamp" -> server.dateTime64() && !temporalAsText
                    ? new Mapped("DateTime64(" + fsp + ", 'UTC')", dateTime64(fsp))
                    : new Mapped("String", formatted(Instant.class, v -> TemporalText.timestamp(v, fsp)), Instant.EPOCH);
            case "time" -> new Mapped("Int64", timeMicros(), java.time.Duration.ZERO);
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext",
                 "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob",
                 "json", "set" -> new Mapped("String", string());
            case "enum" -> new Mapped(server.lowCardinality() ? "LowCardinality(String)" : "String", string());
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                 "geometrycollection", "geomcollection" -> new Mapped("String", string());
            default -> throw new UnmappableTypeException("column " + c.name() + " has MySQL type " + c.columnType()
                    + ", which the sink cannot map to ClickHouse; exclude the table or column, or open an issue");
        };
    }

    private static Mapped integer(ColumnDefinition c, int bytes) {
        int bits = 8 * bytes;
        return c.unsigned() ? new Mapped("UInt" + bits, unsigned(bytes)) : new Mapped("Int" + bits, signed(bytes));
    }

    private Mapped decimalType(ColumnDefinition c) {
        int precision = c.precision() == null ? 10 : c.precision();
        int scale = c.scale() == null ? 0 : c.scale();
        if (precision > 38 && !server.decimal256()) {
            return new Mapped("String", string());
        }
        return new Mapped("Decimal(" + precision + ", " + scale + ")", decimal(precision, scale));
    }
}
