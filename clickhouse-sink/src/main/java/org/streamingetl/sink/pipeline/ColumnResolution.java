package org.streamingetl.sink.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.decode.RowImage;
import org.streamingetl.sink.decode.RowLayout;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.mapping.ClickHouseColumn;
import org.streamingetl.sink.mapping.TableDefinition;

/**
 * Where each ClickHouse column of a table finds its value in a change event's row image: under its own name, or
 * under a name it had before a rename (events written before the rename carry the old name). Knows the columns the
 * table has, had (dropped in MySQL: old events still carry them) and the renames seen, and caches, per row layout,
 * where each column's value is. Used by the sink loop's thread only.
 */
final class ColumnResolution {

    private final Set<String> knownColumns = new HashSet<>();
    private final Set<String> retiredColumns = new HashSet<>();
    /** Renames seen so far, old name to new name. */
    private final Map<String, String> renames = new HashMap<>();
    private List<ClickHouseColumn> sourceColumns = List.of();
    /** Per source column (same order), the former names whose values it takes when an event lacks its name. */
    private List<List<String>> formerNames = List.of();
    /**
     * The last row layout seen with the current definition, where each column's value is in it (-1: not there),
     * and whether all its fields are known: worked out once per layout instead of once per row.
     */
    private RowLayout mappedLayout;
    private int[] mappedPositions;
    private boolean mappedLayoutKnown;

    /** Takes a new announced structure and its ClickHouse definition; columns no longer announced are retired. */
    void use(TableCaptured captured, TableDefinition definition) {
        for (String column : knownColumns) {
            if (captured.columns().stream().noneMatch(c -> c.name().equals(column))) {
                retiredColumns.add(column);
            }
        }
        renames.putAll(captured.renamedColumns());
        retiredColumns.addAll(captured.formerColumns());
        knownColumns.clear();
        // Every announced column is known, also those the table's options exclude from ClickHouse (not written).
        captured.columns().forEach(c -> knownColumns.add(c.name()));
        List<List<String>> former = new ArrayList<>();
        for (ClickHouseColumn c : definition.sourceColumns()) {
            knownColumns.add(c.name());
            retiredColumns.remove(c.name());
            former.add(formerNamesOf(c.name()));
        }
        retiredColumns.removeAll(knownColumns);
        sourceColumns = definition.sourceColumns();
        formerNames = former;
        mappedLayout = null;
    }

    /** The old names that lead to {@code column} through the renames seen, nearest first. */
    private List<String> formerNamesOf(String column) {
        List<String> names = new ArrayList<>();
        for (String old : renames.keySet()) {
            String name = old;
            for (int hops = 0; hops <= renames.size() && renames.containsKey(name); hops++) {
                name = renames.get(name);
                if (name.equals(column)) {
                    names.add(old);
                    break;
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The first field of a row image that the table's schema does not know and never knew, or null. A field of a
     * column MySQL dropped (the table knew it once) is not unknown: old events still carry it.
     */
    String unknownField(Map<String, Object> image) {
        if (image instanceof RowImage row && row.layout() == mappedLayout && mappedLayoutKnown) {
            return null;
        }
        for (String field : image.keySet()) {
            if (!known(field)) {
                return field;
            }
        }
        return null;
    }

    /** A field of a column the table has, had (dropped in MySQL), or had under an old name. */
    private boolean known(String field) {
        return knownColumns.contains(field) || retiredColumns.contains(field) || renames.containsKey(field);
    }

    /**
     * Writes the source columns' values of a row image to {@code rows}, in the definition's order; a value that
     * cannot be written throws {@link RowRejectedException} naming its column (the caller truncates what was written).
     */
    void writeColumns(RowBinaryOutput rows, Map<String, Object> image) {
        RowImage row = image instanceof RowImage r ? r : null;
        int[] positions = row == null ? null : positionsIn(row.layout());
        for (int i = 0; i < sourceColumns.size(); i++) {
            ClickHouseColumn column = sourceColumns.get(i);
            int position = positions == null ? -1 : positions[i];
            Object value = position >= 0 && row.has(position) ? row.valueAt(position)
                    : valueOf(image, column, formerNames.get(i));
            try {
                column.writer().write(rows, value);
            } catch (RuntimeException e) {
                throw new RowRejectedException("column " + column.name() + " (" + column.type() + "): "
                        + e.getMessage(), e);
            }
        }
    }

    /** Where each source column's value is in rows of {@code layout}: its own field, else a former name's, else -1. */
    private int[] positionsIn(RowLayout layout) {
        if (layout != mappedLayout) {
            int[] positions = new int[sourceColumns.size()];
            for (int i = 0; i < sourceColumns.size(); i++) {
                positions[i] = layout.positionOf(sourceColumns.get(i).name());
                for (String former : formerNames.get(i)) {
                    if (positions[i] < 0) {
                        positions[i] = layout.positionOf(former);
                    }
                }
            }
            boolean known = true;
            for (String field : layout.names()) {
                known &= known(field);
            }
            mappedLayout = layout;
            mappedPositions = positions;
            mappedLayoutKnown = known;
        }
        return mappedPositions;
    }

    private static Object valueOf(Map<String, Object> image, ClickHouseColumn column, List<String> formerNames) {
        if (image.containsKey(column.name())) {
            return image.get(column.name());
        }
        for (String former : formerNames) {
            if (image.containsKey(former)) {
                return image.get(former);
            }
        }
        return column.missingValue();
    }
}
