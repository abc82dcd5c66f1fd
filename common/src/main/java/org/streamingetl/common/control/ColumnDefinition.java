package org.streamingetl.common.control;

import java.util.List;

/**
 * The exact MySQL type of one column, as read from {@code information_schema.COLUMNS}.
 *
 * @param name              column name
 * @param position          1-based ordinal position
 * @param dataType          lower-case base type, e.g. {@code bigint}, {@code decimal}, {@code datetime}, {@code enum}
 * @param columnType        the full declared type, e.g. {@code bigint(20) unsigned}, {@code enum('a','b')}
 * @param length            character or byte length for string/binary/bit types, else null
 * @param precision         numeric precision (DECIMAL, integer types), else null
 * @param scale             numeric scale (DECIMAL), else null
 * @param fractionalSeconds fractional seconds precision of TIME/DATETIME/TIMESTAMP (0..6), else null
 * @param unsigned          true for UNSIGNED numeric columns
 * @param nullable          true when the column accepts NULL
 * @param values            the allowed values of ENUM and SET columns, in declaration order, else empty
 */
public record ColumnDefinition(
        String name,
        int position,
        String dataType,
        String columnType,
        Long length,
        Integer precision,
        Integer scale,
        Integer fractionalSeconds,
        boolean unsigned,
        boolean nullable,
        List<String> values) {

    public ColumnDefinition {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
