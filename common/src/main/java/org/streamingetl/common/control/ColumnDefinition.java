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
 * @param defaultValue      the column's default now ({@code information_schema.COLUMNS.COLUMN_DEFAULT}); a later
 *                          {@code SET DEFAULT} changes it, and changes no existing row in MySQL
 * @param backfill          what rows that existed before the column was added read in it: its default when
 *                          cdc-registrar first announced the column (carried over unchanged in later announcements,
 *                          so a later {@code SET DEFAULT} does not change it); for a NOT NULL ENUM without a default,
 *                          its first value. A consumer gives this value to rows written before the column existed.
 *                          {@link ColumnDefault#isExpression() An expression}: the registrar re-sent the table
 *                          ({@link TableResync}), whose rows then carry their real values
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
        List<String> values,
        ColumnDefault defaultValue,
        ColumnDefault backfill) {

    public ColumnDefinition {
        values = values == null ? List.of() : List.copyOf(values);
        defaultValue = defaultValue == null ? ColumnDefault.NONE : defaultValue;
        backfill = backfill == null ? ColumnDefault.NONE : backfill;
    }

    /** A column without a known default. */
    public ColumnDefinition(String name, int position, String dataType, String columnType, Long length,
                            Integer precision, Integer scale, Integer fractionalSeconds, boolean unsigned,
                            boolean nullable, List<String> values) {
        this(name, position, dataType, columnType, length, precision, scale, fractionalSeconds, unsigned, nullable,
                values, ColumnDefault.NONE, ColumnDefault.NONE);
    }

    /** The same column with another backfill. */
    public ColumnDefinition withBackfill(ColumnDefault newBackfill) {
        return new ColumnDefinition(name, position, dataType, columnType, length, precision, scale, fractionalSeconds,
                unsigned, nullable, values, defaultValue, newBackfill);
    }
}
