package org.streamingetl.sink.encode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/** The RowBinary writers of every ClickHouse type the sink uses. */
public final class ValueWriters {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ValueWriters() {
    }

    /** Nullable(T): a 1-byte null marker, then T's value when not null. */
    public static ValueWriter nullable(ValueWriter inner) {
        return (out, value) -> {
            if (value == null) {
                out.writeByte(1);
            } else {
                out.writeByte(0);
                inner.write(out, value);
            }
        };
    }

    /** A non-nullable column refuses null instead of writing a made-up default. */
    public static ValueWriter notNull(ValueWriter inner) {
        return (out, value) -> {
            if (value == null) {
                throw new UnwritableValueException("NULL in a NOT NULL column");
            }
            inner.write(out, value);
        };
    }

    /** Signed integer of 1, 2, 4 or 8 bytes, range-checked. */
    public static ValueWriter signed(int bytes) {
        long min = bytes == 8 ? Long.MIN_VALUE : -(1L << (8 * bytes - 1));
        long max = bytes == 8 ? Long.MAX_VALUE : (1L << (8 * bytes - 1)) - 1;
        return (out, value) -> {
            long v = toLong(value);
            if (v < min || v > max) {
                throw new UnwritableValueException(v + " does not fit Int" + (8 * bytes));
            }
            writeFixed(out, v, bytes);
        };
    }

    /** Unsigned integer of 1, 2, 4 or 8 bytes, range-checked; UInt64 takes values above Long.MAX_VALUE. */
    public static ValueWriter unsigned(int bytes) {
        BigInteger max = BigInteger.ONE.shiftLeft(8 * bytes).subtract(BigInteger.ONE);
        return (out, value) -> {
            BigInteger v = toBigInteger(value);
            if (v.signum() < 0 || v.compareTo(max) > 0) {
                throw new UnwritableValueException(v + " does not fit UInt" + (8 * bytes));
            }
            if (bytes == 8) {
                out.writeBigInteger(v, 8);
            } else {
                writeFixed(out, v.longValue(), bytes);
            }
        };
    }

    public static ValueWriter float32() {
        return (out, value) -> out.writeFloat32(((Number) value).floatValue());
    }

    public static ValueWriter float64() {
        return (out, value) -> out.writeFloat64(((Number) value).doubleValue());
    }

    /** Decimal(p, s): the unscaled value as Int32/Int64/Int128/Int256 by precision. Never rounds. */
    public static ValueWriter decimal(int precision, int scale) {
        int bytes = precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
        BigInteger limit = BigInteger.TEN.pow(precision);
        return (out, value) -> {
            BigDecimal d = toBigDecimal(value);
            BigInteger unscaled;
            try {
                unscaled = d.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
            } catch (ArithmeticException e) {
                throw new UnwritableValueException(d.toPlainString() + " has more than " + scale + " decimals", e);
            }
            if (unscaled.abs().compareTo(limit) >= 0) {
                throw new UnwritableValueException(d.toPlainString() + " does not fit Decimal(" + precision + "," + scale + ")");
            }
            out.writeBigInteger(unscaled, bytes);
        };
    }

    /** String from text (UTF-8) or bytes (exact). */
    public static ValueWriter string() {
        return (out, value) -> {
            if (value instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else if (value instanceof String s) {
                out.writeString(s);
            } else if (value instanceof BigDecimal d) {
                out.writeString(d.toPlainString());
            } else {
                out.writeString(String.valueOf(value));
            }
        };
    }

    /** String holding a formatted value, for types an old server has no exact type for. */
    public static <T> ValueWriter formatted(Class<T> type, Function<T, String> format) {
        return (out, value) -> out.writeString(format.apply(cast(value, type)));
    }

    /** The range of ClickHouse's Date32 and DateTime64: values outside it are refused, not clamped. */
    static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2299, 12, 31);
    private static final String OUTSIDE_RANGE = " is outside ClickHouse's Date32/DateTime64 range 1900-01-01 .. "
            + "2299-12-31; set SINK_MAPPING_TEMPORAL=text (sink.mapping.temporal) to keep such values exactly as text";

    /** Date32: days since 1970-01-01 as Int32. */
    public static ValueWriter date32() {
        return (out, value) -> {
            LocalDate date = cast(value, LocalDate.class);
            if (date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) {
                throw new UnwritableValueException("date " + date + OUTSIDE_RANGE);
            }
            out.writeInt32(Math.toIntExact(date.toEpochDay()));
        };
    }

    /** DateTime64(p): ticks of 10^-p seconds since the epoch (UTC) as Int64. */
    public static ValueWriter dateTime64(int precision) {
        long ticksPerSecond = BigInteger.TEN.pow(precision).longValueExact();
        long nanosPerTick = 1_000_000_000L / ticksPerSecond;
        return (out, value) -> {
            Instant instant = toInstant(value);
            LocalDate day = LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC);
            if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
                throw new UnwritableValueException("date-time " + value + OUTSIDE_RANGE);
            }
            long ticks = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), ticksPerSecond),
                    instant.getNano() / nanosPerTick);
            out.writeInt64(ticks);
        };
    }

    /** DateTime: seconds since the epoch as UInt32 (used for {@code _ingested_at}). */
    public static ValueWriter dateTime() {
        return (out, value) -> {
            long seconds = toInstant(value).getEpochSecond();
            if (seconds < 0 || seconds > 0xFFFFFFFFL) {
                throw new UnwritableValueException(value + " is outside DateTime's range 1970..2106");
            }
            writeFixed(out, seconds, 4);
        };
    }

    /** Int64 microseconds of a MySQL TIME (which can be negative and exceed 24 hours). */
    public static ValueWriter timeMicros() {
        return (out, value) -> {
            Duration d = cast(value, Duration.class);
            out.writeInt64(Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000L));
        };
    }

    private static void writeFixed(RowBinaryOutput out, long v, int bytes) {
        switch (bytes) {
            case 1 -> out.writeByte((int) v);
            case 2 -> out.writeInt16((int) v);
            case 4 -> out.writeInt32((int) v);
            case 8 -> out.writeInt64(v);
            default -> throw new IllegalArgumentException("no integer of " + bytes + " bytes");
        }
    }

    static long toLong(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new UnwritableValueException(d.toPlainString() + " is not a 64-bit integer", e);
            }
        }
        if (value instanceof BigInteger i) {
            try {
                return i.longValueExact();
            } catch (ArithmeticException e) {
                throw new UnwritableValueException(i + " is not a 64-bit integer", e);
            }
        }
        if (value instanceof byte[] bits) {
            return bitsToBigInteger(bits).longValue();
        }
        throw new UnwritableValueException("expected an integer, got " + describe(value));
    }

    static BigInteger toBigInteger(Object value) {
        if (value instanceof BigInteger i) {
            return i;
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new UnwritableValueException(d.toPlainString() + " is not an integer", e);
            }
        }
        if (value instanceof byte[] bits) {
            return bitsToBigInteger(bits);
        }
        return BigInteger.valueOf(toLong(value));
    }

    /** Debezium sends BIT(n) as little-endian bytes. */
    static BigInteger bitsToBigInteger(byte[] littleEndian) {
        byte[] be = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            be[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new UnwritableValueException("'" + s + "' is not a decimal number", e);
            }
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        throw new UnwritableValueException("expected a decimal, got " + describe(value));
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        throw new UnwritableValueException("expected a date-time, got " + describe(value));
    }

    private static <T> T cast(Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new UnwritableValueException("expected " + type.getSimpleName() + ", got " + describe(value));
        }
        return type.cast(value);
    }

    private static String describe(Object value) {
        if (value instanceof byte[] b) {
            return "bytes[" + b.length + "]";
        }
        String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        if (text.length() > 60) {
            text = text.substring(0, 60) + "...";
        }
        return (value == null ? "null" : value.getClass().getSimpleName()) + " " + text;
    }
}
