package org.streamingetl.sink.mapping;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * ClickHouse before 23.8 keeps every database, table and column in files named after it, escaped: a letter, digit
 * or {@code _} stays, every other UTF-8 byte becomes {@code %XX} ({@code weird-name.x} → {@code weird%2Dname%2Ex},
 * {@code ü} → {@code %C3%BC}). A file name has at most 255 bytes, so a MySQL name of 64 non-ASCII characters (384
 * bytes escaped) cannot exist there: ClickHouse fails with "Bad path syntax" or "Cannot open file". Checked before
 * the table is created, so that the sink says which name is too long.
 */
public final class FileNameLimits {

    /** {@code <name>.sql} in metadata/, {@code <name>/} in data/. */
    static final int MAX_TABLE = 255 - ".sql".length();
    /** {@code <name>.null.bin} / {@code .null.mrk} of a Nullable column. */
    static final int MAX_COLUMN = 255 - ".null.bin".length();

    private FileNameLimits() {
    }

    /** The length of ClickHouse's escaped file name for {@code name}. */
    public static int escapedLength(String name) {
        int length = 0;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            boolean kept = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
            length += kept ? 1 : 3;
        }
        return length;
    }

    /** Why the database, table or one of the columns cannot be stored under its name, or empty. */
    public static Optional<String> problem(String database, String table, List<String> columns) {
        if (escapedLength(database) > MAX_TABLE) {
            return Optional.of(tooLong("database", database, MAX_TABLE));
        }
        if (escapedLength(table) > MAX_TABLE) {
            return Optional.of(tooLong("table", table, MAX_TABLE));
        }
        for (String column : columns) {
            if (escapedLength(column) > MAX_COLUMN) {
                return Optional.of(tooLong("column", column, MAX_COLUMN));
            }
        }
        return Optional.empty();
    }

    private static String tooLong(String what, String name, int max) {
        return "the " + what + " name '" + name + "' is " + escapedLength(name) + " bytes as a ClickHouse file name "
                + "(every byte other than [A-Za-z0-9_] is written as %XX), more than the " + max + " this ClickHouse "
                + "version (before 23.8) can store; rename it in MySQL or map the database "
                + "(sink.clickhouse.database-map)";
    }
}
