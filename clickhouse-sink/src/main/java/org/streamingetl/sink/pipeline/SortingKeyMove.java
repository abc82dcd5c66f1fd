package org.streamingetl.sink.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.mapping.TableDefinition;

/**
 * An UPDATE that changes a sorting-key column beyond the primary key (table option {@code order-by}) moves the row to
 * another ClickHouse sorting key: the row under the old key would stay alive under {@code FINAL}, so the sink writes a
 * delete row for it too, built from the change's {@code before} image (README, "Table options").
 */
final class SortingKeyMove {

    private SortingKeyMove() {
    }

    /**
     * Why an enrichment's table cannot have sorting columns beyond its key: its rows are upserts without before
     * images and its deletes carry only the key, so a moved row's old key could not be deleted.
     */
    static String enrichmentRefusal(TableDefinition definition) {
        return "sorting key " + definition.sortingKey() + " of " + definition.qualifiedName() + " has columns beyond the"
                + " key " + definition.primaryKey() + " (sink.table-options[" + definition.options().index() + "]"
                + ".order-by), but an enrichment's output carries no before images: a row moved to another sorting key"
                + " would stay alive under its old one. Leave enrichment tables out of the option's match, drop this"
                + " ClickHouse table, then restart the sink";
    }

    /**
     * The row image whose sorting key the change leaves (to be written with {@code _deleted = 1}), or null when the
     * change moves no row. Throws {@link RowRejectedException} when it may move one but the record lacks what the old
     * key is made of (no {@code before} image, or one without the sorting columns).
     */
    static Map<String, Object> leftRow(ChangeEvent event, TableDefinition definition) {
        List<String> movable = definition.movableKeyColumns();
        if (movable.isEmpty() || (event.op() != 'u' && event.op() != 'd')) {
            return null;
        }
        if (event.op() == 'd') {
            for (String column : movable) {
                if (event.before() == null || !event.before().containsKey(column)) {
                    throw missing(column, definition, "delete");
                }
            }
            return null; // the delete row itself is written under the key it leaves
        }
        Map<String, Object> before = event.before();
        Map<String, Object> after = event.after();
        for (String column : movable) {
            if (before == null || !before.containsKey(column)) {
                throw missing(column, definition, "update");
            }
        }
        for (String column : movable) {
            if (!Objects.deepEquals(before.get(column), after.get(column))) {
                return before;
            }
        }
        return null;
    }

    private static RowRejectedException missing(String column, TableDefinition definition, String change) {
        return new RowRejectedException("the " + change + " carries no before value of sorting-key column " + column
                + " (table option sink.table-options[" + definition.options().index() + "].order-by), so the row under"
                + " its old sorting key cannot be deleted; the source must send full before images (MySQL"
                + " binlog_row_image=FULL), or remove " + column + " from the option", null);
    }
}
