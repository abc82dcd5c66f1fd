package org.streamingetl.sink.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one table, from the entry {@code sink.table-options[index]} that matched it (README, "Table
 * options"): its ClickHouse sorting key in place of the primary key, its {@code PARTITION BY} expression and the
 * columns it never gets. {@link #NONE} for a table no entry matches.
 *
 * @param index          the entry's index in {@code sink.table-options}, -1 for {@link #NONE}
 * @param orderBy        the sorting key's columns; empty: the primary key
 * @param partitionBy    the partition expression, or null
 * @param excludeColumns the columns left out of ClickHouse
 */
public record TableOptions(int index, List<String> orderBy, String partitionBy, Set<String> excludeColumns) {

    public static final TableOptions NONE = new TableOptions(-1, List.of(), null, Set.of());

    public TableOptions {
        orderBy = List.copyOf(orderBy);
        excludeColumns = Set.copyOf(excludeColumns);
    }

    /** The options of a configuration entry (names trimmed, blanks dropped). */
    public static TableOptions of(int index, TableOptionSettings option) {
        return new TableOptions(index, names(option.orderBy()),
                option.partitionBy().map(String::trim).filter(p -> !p.isEmpty()).orElse(null),
                new LinkedHashSet<>(names(option.excludeColumns())));
    }

    private static List<String> names(Optional<List<String>> list) {
        return list.orElse(List.of()).stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    /** The property of this entry named {@code name}, e.g. {@code sink.table-options[0].order-by}. */
    public String property(String name) {
        return "sink.table-options[" + index + "]." + name;
    }

    public boolean hasOrderBy() {
        return !orderBy.isEmpty();
    }

    /** {@code sink.table-options[i].order-by=a,b} as it was configured, for messages. */
    public String orderBySetting() {
        return property("order-by") + "=" + String.join(",", orderBy);
    }

    public boolean excluded(String column) {
        return excludeColumns.contains(column);
    }
}
