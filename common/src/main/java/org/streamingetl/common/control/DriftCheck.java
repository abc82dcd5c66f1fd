package org.streamingetl.common.control;

import java.util.List;

/**
 * The last drift check of one table, announced by cdc-registrar under {@code drift/<db>.<table>} when a check
 * starts and when it ends: MySQL and ClickHouse compared chunk by chunk at the same point of the change stream.
 *
 * @param table           {@code db.table}
 * @param checkId         the check's id
 * @param state           {@code RUNNING}, {@code EQUAL}, {@code DIFFERENT}, {@code FAILED} or {@code REPAIRING}
 * @param reason          what went wrong ({@code FAILED}), else null
 * @param rowsCompared    rows of MySQL's chunks compared so far
 * @param chunks          chunks of the table
 * @param differentChunks the chunks that differ, with their primary-key ranges
 * @param startedAt       when the check started (ISO-8601)
 * @param finishedAt      when it ended (ISO-8601), null while running
 */
public record DriftCheck(String table, String checkId, String state, String reason, long rowsCompared, int chunks,
                         List<Chunk> differentChunks, String startedAt, String finishedAt) {

    public static final String RUNNING = "RUNNING";
    public static final String EQUAL = "EQUAL";
    public static final String DIFFERENT = "DIFFERENT";
    public static final String FAILED = "FAILED";
    public static final String REPAIRING = "REPAIRING";

    public DriftCheck {
        differentChunks = differentChunks == null ? List.of() : List.copyOf(differentChunks);
    }

    /**
     * One differing chunk: keys above {@code lower} (exclusive; null: from the first key) up to {@code upper}
     * (inclusive; null: to the last), each as the canonical text of the key's columns; rows on each side.
     */
    public record Chunk(int chunk, List<String> lower, List<String> upper, long sourceRows, long sinkRows) {
    }
}
