package org.streamingetl.registrar.supervision;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connector task that failed because a change event was larger than Kafka accepts, recognised from the task's
 * trace in Kafka Connect's status. Restarting such a task is useless: it fails again on the same binlog event.
 *
 * @param recordBytes the record's serialized size, when the producer said it (else -1)
 * @param limitBytes  the limit it exceeded, when known (else -1)
 * @param limit       which limit: the producer's {@code max.request.size} or {@code buffer.memory}, or the
 *                    broker's/topic's message size
 */
public record OversizedRecord(long recordBytes, long limitBytes, String limit) {

    private static final String TOO_LARGE = "RecordTooLargeException";
    private static final Pattern PRODUCER = Pattern.compile(
            "The message is (\\d+) bytes when serialized which is larger than (?:(\\d+), which is the value of the ([\\w.]+)"
                    + "|the total memory buffer you have configured with the ([\\w.]+))");
    private static final Pattern BROKER = Pattern.compile("larger than the max message size the server will accept");

    /** The oversized-record failure in a task trace, if that is what it is. */
    public static Optional<OversizedRecord> in(String trace) {
        if (trace == null || !trace.contains(TOO_LARGE)) {
            return Optional.empty();
        }
        Matcher producer = PRODUCER.matcher(trace);
        if (producer.find()) {
            long size = Long.parseLong(producer.group(1));
            return producer.group(2) != null
                    ? Optional.of(new OversizedRecord(size, Long.parseLong(producer.group(2)), producer.group(3)))
                    : Optional.of(new OversizedRecord(size, -1, producer.group(4)));
        }
        if (BROKER.matcher(trace).find()) {
            return Optional.of(new OversizedRecord(-1, -1, "message.max.bytes"));
        }
        return Optional.of(new OversizedRecord(-1, -1, "max.request.size"));
    }

    /**
     * One line for readiness, status and log: which table (or where, when the table is not known), how large, and
     * what to do.
     *
     * @param where the table, e.g. {@code table streaming_etl_db.big}, or null when not found
     */
    public String describe(String where) {
        StringBuilder line = new StringBuilder("a change event");
        line.append(where == null ? "" : " of " + where);
        if (recordBytes > 0) {
            line.append(" is ").append(mib(recordBytes)).append(" as a Kafka record");
        } else {
            line.append(" is too large");
        }
        line.append(", over the limit");
        if (limitBytes > 0) {
            line.append(" of ").append(mib(limitBytes));
        }
        line.append(" (").append(limit).append(")");
        line.append("; the connector stopped at this event and is not restarted automatically (it would fail again)."
                + " Raise PIPELINE_MAX_ROW_BYTES (registrar.connector.max-row-bytes; a record takes up to 8/3 of its row"
                + " plus 1 MiB) and restart cdc-registrar: it rewrites the connector config and the connector resumes"
                + " from this event, losing nothing");
        if ("message.max.bytes".equals(limit)) {
            line.append(" (the broker's message.max.bytes and socket.request.max.bytes must allow it too)");
        }
        return line.toString();
    }

    private static String mib(long bytes) {
        return bytes >= 1024 * 1024 ? String.format("%.1f MiB (%d bytes)", bytes / 1048576.0, bytes) : bytes + " bytes";
    }
}
