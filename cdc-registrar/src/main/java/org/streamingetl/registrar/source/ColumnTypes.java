package org.streamingetl.registrar.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.streamingetl.common.control.ColumnDefault;
import org.streamingetl.common.control.ColumnDefinition;

/** Builds {@link ColumnDefinition}s from information_schema values (pure, unit-tested). */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    public static ColumnDefinition column(String name, int position, String dataType, String columnType, Long length,
                                          Integer precision, Integer scale, Integer datetimePrecision, boolean nullable) {
        return column(name, position, dataType, columnType, length, precision, scale, datetimePrecision, nullable,
                ColumnDefault.NONE);
    }

    /** A column with its default ({@link ColumnDefaults}); its backfill is what a new column's rows read. */
    public static ColumnDefinition column(String name, int position, String dataType, String columnType, Long length,
                                          Integer precision, Integer scale, Integer datetimePrecision, boolean nullable,
                                          ColumnDefault defaultValue) {
        String type = dataType.toLowerCase(Locale.ROOT);
        String full = columnType.toLowerCase(Locale.ROOT);
        boolean unsigned = full.contains(" unsigned");
        Long effectiveLength = length;
        if (type.equals("bit")) {
            effectiveLength = precision == null ? Long.valueOf(bitLength(full)) : Long.valueOf(precision);
        }
        List<String> values = type.equals("enum") || type.equals("set") ? values(columnType) : List.of();
        return new ColumnDefinition(name, position, type, columnType, effectiveLength, precision, scale,
                datetimePrecision, unsigned, nullable, values, defaultValue,
                ColumnDefaults.backfillOf(defaultValue, type, nullable, values));
    }

    private static int bitLength(String columnType) {
        int open = columnType.indexOf('(');
        return open < 0 ? 1 : Integer.parseInt(columnType.substring(open + 1, columnType.indexOf(')')));
    }

    /** The quoted values of {@code enum('a','b''c')} / {@code set(...)}, unescaped. */
    static List<String> values(String columnType) {
        List<String> values = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        while (i > 0 && i < columnType.length()) {
            int start = columnType.indexOf('\'', i);
            if (start < 0) {
                break;
            }
            StringBuilder value = new StringBuilder();
            int j = start + 1;
            while (j < columnType.length()) {
                char ch = columnType.charAt(j);
                if (ch == '\'' && j + 1 < columnType.length() && columnType.charAt(j + 1) == '\'') {
                    value.append('\'');
                    j += 2;
                } else if (ch == '\\' && j + 1 < columnType.length()) {
                    value.append(columnType.charAt(j + 1));
                    j += 2;
                } else if (ch == '\'') {
                    break;
                } else {
                    value.append(ch);
                    j++;
                }
            }
            values.add(value.toString());
            i = j + 1;
        }
        return values;
    }
}
