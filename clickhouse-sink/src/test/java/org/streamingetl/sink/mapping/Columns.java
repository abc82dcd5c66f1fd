package org.streamingetl.sink.mapping;

import java.util.List;
import org.streamingetl.common.control.ColumnDefinition;

/** ColumnDefinitions as cdc-registrar reads them from information_schema. */
final class Columns {

    private Columns() {
    }

    static ColumnDefinition of(String dataType, String columnType) {
        return of("c", dataType, columnType, null, null, null, null, false);
    }

    static ColumnDefinition unsigned(String dataType, String columnType) {
        return of("c", dataType, columnType, null, null, null, null, true);
    }

    static ColumnDefinition decimal(int precision, int scale) {
        return of("c", "decimal", "decimal(" + precision + "," + scale + ")", null, precision, scale, null, false);
    }

    static ColumnDefinition temporal(String dataType, int fsp) {
        return of("c", dataType, dataType + (fsp > 0 ? "(" + fsp + ")" : ""), null, null, null, fsp, false);
    }

    static ColumnDefinition bit(int length) {
        return of("c", "bit", "bit(" + length + ")", (long) length, length, null, null, false);
    }

    static ColumnDefinition of(String name, String dataType, String columnType, Long length, Integer precision,
                               Integer scale, Integer fsp, boolean unsigned) {
        return new ColumnDefinition(name, 1, dataType, columnType, length, precision, scale, fsp, unsigned, false,
                List.of());
    }

    static ColumnDefinition nullable(ColumnDefinition c) {
        return new ColumnDefinition(c.name(), c.position(), c.dataType(), c.columnType(), c.length(), c.precision(),
                c.scale(), c.fractionalSeconds(), c.unsigned(), true, c.values());
    }
}
