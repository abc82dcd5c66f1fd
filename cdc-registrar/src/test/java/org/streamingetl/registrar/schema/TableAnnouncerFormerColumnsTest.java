package org.streamingetl.registrar.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;

/** The columns a table had and has no more travel with every later announcement. */
class TableAnnouncerFormerColumnsTest {

    private static ColumnDefinition column(String name) {
        return new ColumnDefinition(name, 1, "int", "int", null, null, null, null, false, true, List.of());
    }

    private static TableCaptured table(List<String> former, String... columns) {
        return new TableCaptured("db", "t", "p.db.t", List.of("id"),
                java.util.Arrays.stream(columns).map(TableAnnouncerFormerColumnsTest::column).toList(), java.util.Map.of(),
                former);
    }

    @Test
    void aDroppedOrRenamedColumnBecomesFormerAndStaysSo() {
        TableCaptured v1 = table(List.of(), "id", "a", "b");
        List<String> afterDrop = TableAnnouncer.formerColumns(v1, List.of(column("id"), column("b")));
        assertEquals(List.of("a"), afterDrop);
        TableCaptured v2 = table(afterDrop, "id", "b");
        assertEquals(List.of("a", "b"), TableAnnouncer.formerColumns(v2, List.of(column("id"), column("c"))),
                "b renamed to c: both old names stay known");
    }

    @Test
    void aColumnAddedAgainIsNoLongerFormer() {
        TableCaptured v2 = table(List.of("a"), "id");
        assertEquals(List.of(), TableAnnouncer.formerColumns(v2, List.of(column("id"), column("a"))));
        assertEquals(List.of(), TableAnnouncer.formerColumns(null, List.of(column("id"))), "a first announcement");
    }
}
