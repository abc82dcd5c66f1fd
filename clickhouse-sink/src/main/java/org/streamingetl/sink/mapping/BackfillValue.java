package org.streamingetl.sink.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.streamingetl.common.control.ColumnDefault;
import org.streamingetl.common.control.ColumnDefinition;

/**
 * The value rows written before a column existed have in it ({@link ColumnDefinition#backfill()}), in the form the
 * column's writer takes — the same Java value the decoder makes of a Debezium field of that type. Empty when there
 * is none to give (no default: the type's zero value stays; an expression: cdc-registrar re-sends the table).
 */
final class BackfillValue {

    /** A backfill of NULL. */
    static final Optional<Object> NULL = Optional.of(new Object());

    private BackfillValue() {
    }

    /**
     * {@link #NULL} for NULL, the value for a constant, empty when there is none.
     *
     * @throws IllegalArgumentException when the constant does not fit the column's type
     */
    static Optional<Object> of(ColumnDefinition column) {
        ColumnDefault backfill = column.backfill();
        return switch (backfill.kind()) {
            case NULL -> column.nullable() ? NULL : Optional.empty();
            case VALUE -> {
                Object value = convert(column, backfill.value());
                yield value == null ? (column.nullable() ? NULL : Optional.empty()) : Optional.of(value);
            }
            case NONE, EXPRESSION -> Optional.empty();
        };
    }

    /** The constant as the decoder would have it; null for a zero date (Debezium sends those as NULL). */
    private static Object convert(ColumnDefinition c, String text) {
        String type = c.dataType().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bit" ->
                    new BigDecimal(text.strip()).toBigIntegerExact();
            case "decimal", "numeric" -> c.scale() == null ? new BigDecimal(text.strip())
                    : new BigDecimal(text.strip()).setScale(c.scale(), RoundingMode.UNNECESSARY);
            case "float", "double", "real" -> Double.valueOf(text.strip());
            case "date" -> zeroDate(text) ? null : LocalDate.parse(text.strip());
            case "datetime" -> zeroDate(text) ? null : LocalDateTime.parse(text.strip().replace(' ', 'T'));
            case "time" -> time(text.strip());
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "json", "enum", "set" -> text;
            case "binary" -> binary(text, c.length());
            case "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> text.getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("no constant default for MySQL type " + c.columnType());
        };
    }

    private static boolean zeroDate(String text) {
        return text.strip().startsWith("0000-00-00");
    }

    /** BINARY(n) pads with zero bytes, as MySQL reads it. */
    private static byte[] binary(String text, Long length) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return length == null || bytes.length >= length ? bytes : Arrays.copyOf(bytes, Math.toIntExact(length));
    }

    /** MySQL's TIME text, {@code [-]H..H:MM:SS[.ffffff]}, as the duration it is. */
    static Duration time(String text) {
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + text + "' is not a TIME");
        }
        BigDecimal seconds = new BigDecimal(parts[2]);
        Duration d = Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusNanos(seconds.movePointRight(9).longValueExact());
        return negative ? d.negated() : d;
    }
}
