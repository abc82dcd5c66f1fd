package org.streamingetl.sink.config;

import java.util.List;
import java.util.Optional;

/**
 * Options of the tables whose {@code <db>.<table>} the regular expression {@code match} matches. They shape a
 * ClickHouse table when the sink creates it; an existing table keeps its structure (a warning names the
 * difference).
 */
public interface TableOptionSettings {
    /** Regular expression over {@code <db>.<table>} (whole name), as {@code sink.tables.include}. Required. */
    String match();

    /**
     * The ClickHouse sorting key (comma-separated columns), in place of the primary key: it must contain every
     * primary-key column, and its columns must be NOT NULL in MySQL. Unset: the primary key.
     */
    Optional<List<String>> orderBy();

    /** ClickHouse {@code PARTITION BY} expression, e.g. {@code toYYYYMM(created_at)}. Unset: no partitioning. */
    Optional<String> partitionBy();

    /**
     * Columns never created in ClickHouse nor written (comma-separated names; not primary-key nor ordering
     * columns). Unset: none.
     */
    Optional<List<String>> excludeColumns();
}
