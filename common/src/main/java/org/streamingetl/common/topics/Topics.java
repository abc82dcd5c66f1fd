package org.streamingetl.common.topics;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of the Kafka topics the services share (see design.md, "The flow").
 *
 * <ul>
 *   <li>{@code <prefix>.<db>.<table>}: Debezium change events of one source table (data topic), sanitised as
 *       Debezium's default topic naming does it (see {@link #data})</li>
 *   <li>{@code <prefix>}: Debezium's schema change topic (DDL)</li>
 *   <li>{@code <prefix>.control}: the control topic, compacted, one partition</li>
 *   <li>{@code <prefix>.dlq}: records the sink could not write</li>
 *   <li>{@code <prefix>.notifications}, {@code <prefix>.schema-history}, {@code <prefix>.transaction}: Debezium's
 *       own topics; {@code <prefix>.connect-configs}, {@code -offsets}, {@code -status}: Kafka Connect's (local
 *       mode)</li>
 *   <li>{@code <prefix>.enriched.<name>}: output of enrichment {@code name}</li>
 * </ul>
 *
 * <h2>Table names and topic names</h2>
 * MySQL accepts any character in a backquoted table name (dots, dashes, spaces, non-ASCII letters), Kafka only
 * {@code [A-Za-z0-9._-]} and at most 249 characters. Debezium's {@code DefaultTopicNamingStrategy} joins
 * {@code <prefix>.<db>.<table>} and replaces every other character (every UTF-16 unit, so a letter outside the
 * Basic Multilingual Plane becomes {@code __}) with {@code _}, then cuts the name at 249 characters:
 * {@code weird-name.x} → {@code <prefix>.<db>.weird-name.x}, {@code a b} and {@code ünï} → {@code a_b} and
 * {@code _n_}. Consequences every service must respect:
 * <ul>
 *   <li>A topic name cannot be parsed back into its table: a dot may belong to the table name, and sanitising is
 *       not reversible. The table of a data topic is the one cdc-registrar announced for it
 *       ({@code TableCaptured.topic}, computed by {@link #data} — the one place that decides it).</li>
 *   <li>Two tables can get the same topic ({@code a b} and {@code a_b}); Debezium then writes both tables'
 *       changes into it. A consumer must refuse such a topic rather than mix them (the sink reports both tables
 *       as REFUSED).</li>
 * </ul>
 */
public final class Topics {

    public static final String CONTROL_SUFFIX = "control";
    public static final String DLQ_SUFFIX = "dlq";
    public static final String ENRICHED_SEGMENT = "enriched";
    /** The drift check's answers topic: {@code <prefix>.verify}. */
    public static final String VERIFY_SUFFIX = "verify";
    /** Kafka's longest topic name; Debezium cuts longer names there. */
    public static final int MAX_TOPIC_LENGTH = 249;
    /** Topics {@code <prefix>.<suffix>} the pipeline uses for itself, never data. */
    public static final Set<String> INTERNAL_SUFFIXES = Set.of(CONTROL_SUFFIX, DLQ_SUFFIX, VERIFY_SUFFIX, "notifications",
            "schema-history", "transaction", "connect-configs", "connect-offsets", "connect-status");

    private final String prefix;

    public Topics(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.contains(" ")) {
            throw new IllegalArgumentException("topic prefix must be a non-blank name without spaces, got '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String schemaChanges() {
        return prefix;
    }

    public String control() {
        return prefix + "." + CONTROL_SUFFIX;
    }

    /** Where clickhouse-sink answers the drift check's chunks ({@link org.streamingetl.common.verify.ChunkVerified}). */
    public String verify() {
        return prefix + "." + VERIFY_SUFFIX;
    }

    public String deadLetter() {
        return prefix + "." + DLQ_SUFFIX;
    }

    /**
     * The data topic Debezium writes the changes of {@code database.table} to: {@code <prefix>.<db>.<table>}
     * {@linkplain #sanitize sanitised}. Several tables may get the same topic.
     */
    public String data(String database, String table) {
        return sanitize(prefix + "." + database + "." + table);
    }

    public String enriched(String name) {
        return sanitize(prefix + "." + ENRICHED_SEGMENT + "." + name);
    }

    /**
     * As Debezium's {@code AbstractTopicNamingStrategy.sanitizedTopicName}: every UTF-16 unit outside
     * {@code [A-Za-z0-9._-]} becomes {@code _}, and the name is cut at {@value #MAX_TOPIC_LENGTH} characters.
     */
    public static String sanitize(String topic) {
        StringBuilder sanitized = new StringBuilder(topic.length());
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean valid = c == '.' || c == '_' || c == '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9');
            sanitized.append(valid ? c : '_');
        }
        return sanitized.length() > MAX_TOPIC_LENGTH ? sanitized.substring(0, MAX_TOPIC_LENGTH) : sanitized.toString();
    }

    /**
     * Regex matching every possible data topic (for a consumer's pattern subscription): {@code <prefix>.} followed by
     * at least two segments, the last of which may contain dots. The pipeline's own topics
     * ({@code <prefix>.control}, {@code .dlq}, {@code .notifications}, {@code .schema-history},
     * {@code .transaction}, the schema topic {@code <prefix>}) have one segment at most and never match; enriched
     * topics ({@code <prefix>.enriched.<name>}) do: they are the data topics of the database {@code enriched}.
     */
    public String dataTopicPattern() {
        return Pattern.quote(prefix + ".") + "[^.]+\\..+";
    }

    /** True for the pipeline's own topics (see {@link #INTERNAL_SUFFIXES}) and the schema topic. */
    public boolean isInternal(String topic) {
        Objects.requireNonNull(topic, "topic");
        return topic.equals(prefix) || (topic.startsWith(prefix + ".")
                && INTERNAL_SUFFIXES.contains(topic.substring(prefix.length() + 1)));
    }

    /** True when the topic can be a data topic of this prefix (it matches {@link #dataTopicPattern}). */
    public boolean isDataTopic(String topic) {
        return topic.matches(dataTopicPattern());
    }
}
