package org.streamingetl.sink.mapping;

import org.streamingetl.sink.encode.ValueWriter;

/**
 * One column of a ClickHouse table: its name, its type as ClickHouse SQL, and the writer that encodes a decoded
 * value into that type's RowBinary form. {@code missingValue} is written when a change event has no field for
 * the column (it was written before the column existed): null for a Nullable column, else the type's zero value,
 * as ClickHouse itself fills a column an INSERT omits.
 */
public record ClickHouseColumn(String name, String type, ValueWriter writer, Object missingValue) {
}
