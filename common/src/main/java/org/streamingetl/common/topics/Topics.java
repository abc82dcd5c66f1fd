package org.streamingetl.common.topics;

import java.util.Objects;
import java.util.Optional;

/**
 * Names of the Kafka topics the services share (see design.md, "The flow").
 *
 * <ul>
 *   <li>{@code <prefix>.<db>.<table>}: Debezium change events of one source table (data topic)</li>
 *   <li>{@code <prefix>}: Debezium's schema change topic (DDL)</li>
 *   <li>{@code <prefix>.control}: the control topic, compacted, one partition</li>
 *   <li>{@code <prefix>.dlq}: records the sink could not write</li>
 *   <li>{@code <prefix>.enriched.<name>}: output of enrichment {@code name}</li>
 * </ul>
 */
public final class Topics {

    public static final String CONTROL_SUFFIX = "control";
    public static final String DLQ_SUFFIX = "dlq";
    public static final String ENRICHED_SEGMENT = "enriched";

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

    public String deadLetter() {
        return prefix + "." + DLQ_SUFFIX;
    }

    public String data(String database, String table) {
        return prefix + "." + database + "." + table;
    }

    public String enriched(String name) {
        return prefix + "." + ENRICHED_SEGMENT + "." + name;
    }

    /** Regex matching every data topic of the given databases (for a consumer's pattern subscription). */
    public String dataTopicPattern() {
        return java.util.regex.Pattern.quote(prefix + ".") + "[^.]+\\.[^.]+";
    }

    /** The (database, table) of a data topic, or empty when the topic is not a data topic of this prefix. */
    public Optional<TableId> tableOf(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!topic.startsWith(prefix + ".")) {
            return Optional.empty();
        }
        String rest = topic.substring(prefix.length() + 1);
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1 || rest.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        String database = rest.substring(0, dot);
        if (database.equals(ENRICHED_SEGMENT)) {
            return Optional.empty();
        }
        return Optional.of(new TableId(database, rest.substring(dot + 1)));
    }
}
