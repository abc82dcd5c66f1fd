package org.streamingetl.common.verify;

/**
 * The drift check's marker table in MySQL (default {@code <first source database>.pipeline_verify}): cdc-registrar
 * writes one row per chunk, in the transaction that computed the chunk's count and checksum under shared locks, so
 * the row's change event sits in the binlog exactly after every change that chunk's checksum includes.
 * clickhouse-sink reads it from the table's data topic. Its columns:
 */
public final class ChunkMarkers {

    /** The statement that creates the table. */
    public static String createTable(String qualifiedName) {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName + " ("
                + ID + " VARCHAR(100) NOT NULL PRIMARY KEY, "
                + CHECK_ID + " VARCHAR(40) NOT NULL, "
                + TABLE + " VARCHAR(400) NOT NULL, "
                + CHUNK + " INT NOT NULL, "
                + ATTEMPT + " INT NOT NULL, "
                + LOWER + " MEDIUMTEXT NULL, "
                + UPPER + " MEDIUMTEXT NULL, "
                + COLUMNS + " MEDIUMTEXT NOT NULL, "
                + ROWS + " BIGINT NOT NULL, "
                + CHECKSUM + " VARCHAR(40) NOT NULL, "
                + CREATED_AT + " TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))";
    }

    /** A random id of the marker. */
    public static final String ID = "id";
    public static final String CHECK_ID = "check_id";
    /** {@code db.table} checked. */
    public static final String TABLE = "table_name";
    public static final String CHUNK = "chunk";
    public static final String ATTEMPT = "attempt";
    /** JSON array of the key columns' canonical texts (exclusive lower bound), NULL: from the first key. */
    public static final String LOWER = "lower_key";
    /** JSON array of the key columns' canonical texts (inclusive upper bound), NULL: to the last key. */
    public static final String UPPER = "upper_key";
    /** JSON array of the column names hashed, in order. */
    public static final String COLUMNS = "columns_hashed";
    public static final String ROWS = "row_count";
    /** The sum modulo 2^64 of the rows' hashes, as decimal text. */
    public static final String CHECKSUM = "checksum";
    public static final String CREATED_AT = "created_at";

    private ChunkMarkers() {
    }
}
