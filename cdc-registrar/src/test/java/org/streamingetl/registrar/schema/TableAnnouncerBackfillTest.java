package org.streamingetl.registrar.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefault;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;

/** A column's backfill is its default when first announced, and stays so; some new columns need a re-send. */
class TableAnnouncerBackfillTest {

    private static ColumnDefinition column(String name, ColumnDefault defaultValue) {
        return new ColumnDefinition(name, 1, "decimal", "decimal(20,6)", null, 20, 6, null, false, true, List.of(),
                defaultValue, defaultValue);
    }

    private static TableCaptured table(List<ColumnDefinition> columns, Map<String, String> renames, List<String> former) {
        return new TableCaptured("db", "t", "p.db.t", List.of("id"), columns, renames, former);
    }

    @Test
    void setDefaultKeepsTheBackfillOfTheAddedColumn() {
        TableCaptured v1 = table(List.of(column("id", ColumnDefault.NONE), column("added", ColumnDefault.value("1.5"))),
                Map.of(), List.of());
        List<ColumnDefinition> now = TableAnnouncer.withBackfills(v1,
                List.of(column("id", ColumnDefault.NONE), column("added", ColumnDefault.value("2.5"))), Map.of());
        assertEquals(ColumnDefault.value("2.5"), now.get(1).defaultValue());
        assertEquals(ColumnDefault.value("1.5"), now.get(1).backfill());
    }

    @Test
    void aRenamedColumnKeepsItsBackfillAndANewOneTakesItsDefault() {
        TableCaptured v1 = table(List.of(column("id", ColumnDefault.NONE), column("a", ColumnDefault.value("1"))),
                Map.of(), List.of());
        List<ColumnDefinition> now = TableAnnouncer.withBackfills(v1, List.of(column("id", ColumnDefault.NONE),
                column("b", ColumnDefault.value("2")), column("c", ColumnDefault.value("3"))), Map.of("a", "b"));
        assertEquals(ColumnDefault.value("1"), now.get(1).backfill());
        assertEquals(ColumnDefault.value("3"), now.get(2).backfill());
    }

    @Test
    void aNewColumnWithAnExpressionOrAddedAgainNeedsAResend() {
        TableCaptured v1 = table(List.of(column("id", ColumnDefault.NONE)), Map.of(), List.of("old"));
        assertTrue(TableAnnouncer.resendReason(v1, table(List.of(column("id", ColumnDefault.NONE),
                column("at", ColumnDefault.expression("current_timestamp()"))), Map.of(), List.of("old"))).isPresent());
        assertTrue(TableAnnouncer.resendReason(v1, table(List.of(column("id", ColumnDefault.NONE),
                column("old", ColumnDefault.value("7"))), Map.of(), List.of())).isPresent());
        assertTrue(TableAnnouncer.resendReason(v1, table(List.of(column("id", ColumnDefault.NONE),
                column("n", ColumnDefault.value("7"))), Map.of(), List.of("old"))).isEmpty(), "a constant needs none");
        assertTrue(TableAnnouncer.resendReason(null, table(List.of(column("id", ColumnDefault.NONE),
                column("at", ColumnDefault.expression("now()"))), Map.of(), List.of())).isEmpty(), "a new table");
    }
}
