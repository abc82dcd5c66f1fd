package org.streamingetl.enricher.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One enrichment as the definition file declares it: a source table, foreign-key joins, the output columns and key,
 * and an optional filter. Table references are {@code db.table}; columns are {@code <table>.<column>} where
 * {@code <table>} is the table's name (or its alias).
 *
 * @param name    the enrichment's name: its output topic {@code <prefix>.enriched.<name>} and ClickHouse table
 * @param source  the table whose rows are enriched; each of its rows is one output row (before the filter)
 * @param joins   the tables joined to it, in order
 * @param columns output column name → {@code table.column}, in output order
 * @param key     the output key columns; they must be the source table's primary key (renamed as in columns)
 * @param filter  an optional condition on output columns, e.g. {@code amount > 0} or {@code country IS NOT NULL}
 */
public record EnrichmentDefinition(String name, TableRef source, List<Join> joins, Map<String, ColumnRef> columns,
                                   List<String> key, Filter filter) {

    public EnrichmentDefinition {
        joins = joins == null ? List.of() : List.copyOf(joins);
        columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        key = key == null ? List.of() : List.copyOf(key);
    }

    /** A table, {@code db.table}, known in the definition as {@code alias} (its name unless given). */
    public record TableRef(String database, String table, String alias) {
        public String qualifiedName() {
            return database + "." + table;
        }
    }

    public enum JoinType { LEFT, INNER }

    /** A foreign-key join: each condition equals a column of a table joined before with a key column of this one. */
    public record Join(TableRef table, JoinType type, List<Condition> on) {
        public Join {
            on = List.copyOf(on);
        }
    }

    /** {@code foreign = <joined table>.keyColumn}. */
    public record Condition(ColumnRef foreign, String keyColumn) {
    }

    /** {@code alias.column}. */
    public record ColumnRef(String alias, String column) {
        @Override
        public String toString() {
            return alias + "." + column;
        }
    }

    /** {@code column op literal}; op one of = != < <= > >= IS NULL, IS NOT NULL (literal null for the last two). */
    public record Filter(String column, String op, String literal) {
        @Override
        public String toString() {
            return column + " " + op + (literal == null ? "" : " " + literal);
        }
    }
}
