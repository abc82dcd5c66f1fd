package org.streamingetl.registrar.source;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.streamingetl.common.control.ColumnDefault;

/**
 * Reads a column's default from {@code information_schema.COLUMNS} (pure, unit-tested). The two flavors write it
 * differently:
 * <ul>
 *   <li>MariaDB (10.2.7 and later) writes SQL: {@code 'text'} quoted and escaped, numbers bare, {@code NULL} for a
 *       default of NULL, {@code b'101'} for bits, expressions as text ({@code current_timestamp()}, {@code 1 + 1});
 *       SQL NULL when there is no default;</li>
 *   <li>MySQL 8 writes the value bare and unescaped, SQL NULL for no default and for a default of NULL, and marks
 *       expressions with {@code DEFAULT_GENERATED} in {@code EXTRA}.</li>
 * </ul>
 * A TIMESTAMP constant counts as an expression: MySQL converted it with the time zone of the session that ran the
 * DDL, which is not known here. So do a binary constant on MySQL (its text form is not the bytes) and a constant
 * with a {@code ?} (information_schema's utf8mb3 lost a character: {@link #lossy}).
 */
public final class ColumnDefaults {

    private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob");

    private ColumnDefaults() {
    }

    /**
     * @param columnDefault {@code COLUMN_DEFAULT}, or null
     * @param extra         {@code EXTRA}, or null
     * @param mariadb       true for MariaDB's form, false for MySQL's
     * @param dataType      lower-case {@code DATA_TYPE}
     * @param nullable      the column accepts NULL
     */
    public static ColumnDefault parse(String columnDefault, String extra, boolean mariadb, String dataType,
                                      boolean nullable) {
        if (columnDefault == null) {
            return nullable ? ColumnDefault.NULL : ColumnDefault.NONE;
        }
        String type = dataType.toLowerCase(Locale.ROOT);
        if (mariadb) {
            return mariadb(columnDefault.strip(), type);
        }
        boolean generated = extra != null && extra.toUpperCase(Locale.ROOT).contains("DEFAULT_GENERATED");
        boolean now = columnDefault.toUpperCase(Locale.ROOT).startsWith("CURRENT_TIMESTAMP");
        if (generated || now || type.equals("timestamp") || BINARY.contains(type)) {
            return ColumnDefault.expression(columnDefault);
        }
        if (type.equals("bit")) {
            return bits(columnDefault);
        }
        return lossy(columnDefault) ? ColumnDefault.expression(columnDefault) : ColumnDefault.value(columnDefault);
    }

    /**
     * information_schema holds defaults as utf8mb3: a 4-byte character (an emoji) or a byte that is no character (a
     * binary default such as {@code 0xFF}) reads as {@code ?}. A default with a {@code ?} is therefore not trusted:
     * the table is re-sent instead (exact, only slower).
     */
    private static boolean lossy(String value) {
        return value.indexOf('?') >= 0;
    }

    private static ColumnDefault mariadb(String text, String type) {
        if (text.equalsIgnoreCase("NULL")) {
            return ColumnDefault.NULL;
        }
        if (type.equals("timestamp")) {
            return ColumnDefault.expression(text);
        }
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            String value = unquote(text);
            return value == null || lossy(value) ? ColumnDefault.expression(text) : ColumnDefault.value(value);
        }
        if (text.regionMatches(true, 0, "b'", 0, 2) && text.endsWith("'")) {
            return bits(text);
        }
        if (text.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
            return ColumnDefault.value(text);
        }
        return ColumnDefault.expression(text);
    }

    /** {@code b'0101'} (or a bare number) as the number it is. */
    private static ColumnDefault bits(String text) {
        if (text.regionMatches(true, 0, "b'", 0, 2) && text.endsWith("'") && text.length() >= 3) {
            String digits = text.substring(2, text.length() - 1);
            if (digits.isEmpty()) {
                return ColumnDefault.value("0");
            }
            if (digits.matches("[01]+")) {
                return ColumnDefault.value(new BigInteger(digits, 2).toString());
            }
        } else if (text.matches("\\d+")) {
            return ColumnDefault.value(text);
        }
        return ColumnDefault.expression(text);
    }

    /**
     * The text of a MariaDB string literal: {@code ''} and backslash escapes undone. Null when the text is not one
     * literal (e.g. {@code 'a' || 'b'}).
     */
    static String unquote(String literal) {
        StringBuilder value = new StringBuilder();
        int i = 1;
        int end = literal.length() - 1;
        while (i < end) {
            char c = literal.charAt(i);
            if (c == '\'') {
                if (i + 1 < end && literal.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                return null;
            }
            if (c == '\\' && i + 1 < end) {
                char next = literal.charAt(i + 1);
                value.append(switch (next) {
                    case '0' -> '\0';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'Z' -> (char) 26;
                    default -> next;
                });
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        return value.toString();
    }

    /**
     * What rows read in a new column before any was written: its default; for a NOT NULL ENUM without one, its first
     * value (MySQL's implicit default; other types' implicit defaults are the zero values a consumer uses anyway).
     */
    public static ColumnDefault backfillOf(ColumnDefault defaultValue, String dataType, boolean nullable,
                                           List<String> values) {
        if (defaultValue.kind() == ColumnDefault.Kind.NONE && !nullable && "enum".equals(dataType)
                && !values.isEmpty()) {
            return ColumnDefault.value(values.get(0));
        }
        return defaultValue;
    }
}
