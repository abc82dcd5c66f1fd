package org.streamingetl.sink.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An existing table's sorting key as system.tables prints it (forms seen on ClickHouse 18.16). */
class ExistingSortingKeyTest {

    @Test
    void plainAndBackquotedColumnListsAreRead() {
        assertEquals(Optional.of(List.of("id")), ExistingSortingKey.columns("id"));
        assertEquals(Optional.of(List.of("tenant_id", "id")), ExistingSortingKey.columns("tenant_id, id"));
        assertEquals(Optional.of(List.of("b c", "a", "e,f")), ExistingSortingKey.columns("`b c`, a, `e,f`"));
        assertEquals(Optional.of(List.of("we`ird")), ExistingSortingKey.columns("`we\\`ird`"));
    }

    @Test
    void expressionsAreNotAColumnList() {
        assertEquals(Optional.empty(), ExistingSortingKey.columns("toDate(t), id"));
        assertEquals(Optional.empty(), ExistingSortingKey.columns(""));
        assertEquals(Optional.empty(), ExistingSortingKey.columns("`open"));
    }
}
