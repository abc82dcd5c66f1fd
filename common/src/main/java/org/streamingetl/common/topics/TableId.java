package org.streamingetl.common.topics;

/** A source table, {@code database.table}. */
public record TableId(String database, String table) {

    public TableId {
        if (database == null || database.isBlank() || table == null || table.isBlank()) {
            throw new IllegalArgumentException("database and table must be given");
        }
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
