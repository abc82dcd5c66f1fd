package org.streamingetl.common.verify;

import java.util.List;

/**
 * clickhouse-sink's answer to one chunk marker of the drift check, on {@code <prefix>.verify} (JSON, key
 * {@code <checkId>/<table>}): ClickHouse's count and checksum of the chunk, computed when the sink had written every
 * change of the table that precedes the marker in the binlog and none after it.
 *
 * @param sink        the sink's consumer group (several sinks may write the same source)
 * @param checkId     the check's id (from the marker)
 * @param table       {@code db.table}
 * @param chunk       the chunk's number
 * @param attempt     the marker's attempt
 * @param state       {@link #EQUAL}, {@link #DIFFERENT}, {@link #LATE} (the sink had already written changes made
 *                    after the marker: ask again), or {@link #FAILED}
 * @param sourceRows  MySQL's row count (from the marker)
 * @param sinkRows    ClickHouse's row count
 * @param sourceSum   MySQL's checksum (from the marker)
 * @param sinkSum     ClickHouse's checksum
 * @param lower       the chunk's lower bound (exclusive), null: none
 * @param upper       the chunk's upper bound (inclusive), null: none
 * @param reason      why FAILED or LATE, else null
 */
public record ChunkVerified(String sink, String checkId, String table, int chunk, int attempt, String state,
                            long sourceRows, long sinkRows, String sourceSum, String sinkSum, List<String> lower,
                            List<String> upper, String reason) {

    public static final String EQUAL = "EQUAL";
    public static final String DIFFERENT = "DIFFERENT";
    public static final String LATE = "LATE";
    public static final String FAILED = "FAILED";
}
