package org.streamingetl.sink.mapping;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.config.TableOptions;

/**
 * Checks a table's options against its announced MySQL structure before the sink creates its ClickHouse table:
 * the sorting key ({@code order-by}) must name existing NOT NULL columns, each once, and contain every primary-key
 * column (else rows of different keys would collapse into one under {@code FINAL}); a table without a primary key
 * (a change log) takes none; primary-key and sorting columns cannot be excluded.
 */
public final class TableOptionsCheck {

    private static final String FIX = "; change the option (or the MySQL table), then restart the sink";

    private TableOptionsCheck() {
    }

    /** Throws {@link TableOptionRefusedException} naming the option and what to do when the options cannot apply. */
    public static void check(TableCaptured captured, TableOptions options) {
        problem(captured, options).ifPresent(p -> {
            throw new TableOptionRefusedException(p);
        });
    }

    /** The first reason the options cannot apply to the table, or empty. */
    public static Optional<String> problem(TableCaptured captured, TableOptions options) {
        String table = captured.qualifiedName();
        for (String column : options.excludeColumns()) {
            if (captured.primaryKey().contains(column) || options.orderBy().contains(column)) {
                return Optional.of(options.property("exclude-columns") + ": column " + column + " of " + table
                        + " is in the " + (captured.primaryKey().contains(column) ? "primary" : "sorting")
                        + " key and cannot be excluded" + FIX);
            }
        }
        if (!options.hasOrderBy()) {
            return Optional.empty();
        }
        String setting = options.orderBySetting() + ": ";
        if (captured.primaryKey().isEmpty()) {
            return Optional.of(setting + table + " has no primary key: its ClickHouse table is a change log ordered by"
                    + " _version, where a sorting key would collapse rows; remove the option for this table" + FIX);
        }
        Set<String> seen = new HashSet<>();
        for (String name : options.orderBy()) {
            Optional<ColumnDefinition> column = captured.columns().stream().filter(c -> c.name().equals(name))
                    .findFirst();
            if (column.isEmpty()) {
                return Optional.of(setting + "column " + name + " is not a column of " + table + FIX);
            }
            if (column.get().nullable()) {
                return Optional.of(setting + "column " + name + " of " + table + " is NULL-able in MySQL, and"
                        + " ClickHouse refuses Nullable columns in a sorting key; make it NOT NULL in MySQL or leave"
                        + " it out of the option" + FIX);
            }
            if (!seen.add(name)) {
                return Optional.of(setting + "column " + name + " is named twice" + FIX);
            }
        }
        List<String> missing = captured.primaryKey().stream().filter(k -> !seen.contains(k)).toList();
        if (!missing.isEmpty()) {
            return Optional.of(setting + "it lacks primary-key column(s) " + String.join(", ", missing) + " of " + table
                    + ": rows of different keys would collapse into one; add them to the option" + FIX);
        }
        return Optional.empty();
    }
}
