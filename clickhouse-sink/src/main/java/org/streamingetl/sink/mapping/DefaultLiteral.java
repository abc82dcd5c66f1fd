package org.streamingetl.sink.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL expression of one value for a column's {@code DEFAULT}, read back from the RowBinary bytes the column's
 * writer produced for it: the default is then exactly what the sink would have written (no second conversion that
 * could differ). Covers the types {@link TypeMapper} maps to.
 */
final class DefaultLiteral {

    private static final Pattern DECIMAL = Pattern.compile("Decimal\\((\\d+), (\\d+)\\)");
    private static final Pattern DATE_TIME64 = Pattern.compile("DateTime64\\((\\d)(, '([^']+)')?\\)");

    private DefaultLiteral() {
    }

    /** The expression for {@code rowBinary} (one value of {@code type}, as RowBinary). */
    static String of(String type, byte[] rowBinary) {
        ByteBuffer in = ByteBuffer.wrap(rowBinary).order(ByteOrder.LITTLE_ENDIAN);
        String sql = read(type, in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes left after a " + type + " value");
        }
        return sql;
    }

    private static String read(String type, ByteBuffer in) {
        if (type.startsWith("Nullable(")) {
            return in.get() == 1 ? "NULL" : read(inner(type, "Nullable("), in);
        }
        if (type.startsWith("LowCardinality(")) {
            return read(inner(type, "LowCardinality("), in);
        }
        switch (type) {
            case "String":
                return string(in);
            case "Float32":
                return "toFloat32(" + quoted(Float.toString(in.getFloat())) + ")";
            case "Float64":
                return "toFloat64(" + quoted(Double.toString(in.getDouble())) + ")";
            case "Date32":
                return "toDate32(" + quoted(LocalDate.ofEpochDay(in.getInt()).toString()) + ")";
            default:
                break;
        }
        if (type.startsWith("Int") || type.startsWith("UInt")) {
            boolean signed = type.startsWith("Int");
            int bits = Integer.parseInt(type.substring(signed ? 3 : 4));
            return "to" + type + "(" + quoted(integer(in, bits / 8, signed).toString()) + ")";
        }
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            int bytes = precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
            BigDecimal value = new BigDecimal(integer(in, bytes, true), scale);
            return "CAST(" + quoted(value.toPlainString()) + " AS " + type + ")";
        }
        Matcher dateTime = DATE_TIME64.matcher(type);
        if (dateTime.matches()) {
            int precision = Integer.parseInt(dateTime.group(1));
            BigInteger micros = BigInteger.valueOf(in.getLong()).multiply(BigInteger.TEN.pow(6 - precision));
            return "CAST(fromUnixTimestamp64Micro(toInt64(" + quoted(micros.toString()) + "), 'UTC') AS " + type + ")";
        }
        throw new IllegalArgumentException("no DEFAULT literal for ClickHouse type " + type);
    }

    private static String inner(String type, String wrapper) {
        return type.substring(wrapper.length(), type.length() - 1);
    }

    /** A string literal of the exact bytes: printable ASCII as is, everything else as {@code \xHH}. */
    private static String string(ByteBuffer in) {
        long length = 0;
        int shift = 0;
        byte b;
        do {
            b = in.get();
            length |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        StringBuilder sql = new StringBuilder("'");
        for (long i = 0; i < length; i++) {
            int c = in.get() & 0xFF;
            if (c == '\'' || c == '\\') {
                sql.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                sql.append((char) c);
            } else {
                sql.append(String.format("\\x%02X", c));
            }
        }
        return sql.append('\'').toString();
    }

    private static BigInteger integer(ByteBuffer in, int bytes, boolean signed) {
        byte[] be = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            be[i] = in.get();
        }
        return signed ? new BigInteger(be) : new BigInteger(1, be);
    }

    private static String quoted(String text) {
        return "'" + text + "'";
    }
}
