package org.streamingetl.sink.mapping;

import org.streamingetl.sink.encode.ValueWriter;

/**
 * One column of a ClickHouse table: its name, its type as ClickHouse SQL, and the writer that encodes a decoded
 * value into that type's RowBinary form. {@code missingValue} is written when a change event has no field for
 * the column (it was written before the column existed): the column's backfill (what MySQL gave the rows that
 * existed when the column was added: its default then), else null for a Nullable column, else the type's zero
 * value. {@code defaultExpression} is that backfill as the ClickHouse {@code DEFAULT} the column is created or added
 * with, so that rows already in ClickHouse read it too; null when there is none.
 */
public record ClickHouseColumn(String name, String type, ValueWriter writer, Object missingValue,
                               String defaultExpression) {

    /** A column without a {@code DEFAULT}. */
    public ClickHouseColumn(String name, String type, ValueWriter writer, Object missingValue) {
        this(name, type, writer, missingValue, null);
    }

    /** {@code " DEFAULT <expression>"}, or the empty string. */
    public String defaultClause() {
        return defaultExpression == null ? "" : " DEFAULT " + defaultExpression;
    }
}
