package org.streamingetl.sink.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The data topics the sink subscribes to: {@code <prefix>.<db>.<table>}, narrowed by {@code sink.tables.include}
 * and {@code sink.tables.exclude} (regular expressions over {@code <db>.<table>}, as in Debezium's
 * {@code table.include.list}). Tables left out are never read, so they get no ClickHouse table and no offsets.
 */
public final class TopicSelection {

    private TopicSelection() {
    }

    /** One pattern for Kafka's pattern subscription, which matches it against each whole topic name. */
    public static Pattern pattern(String prefix, List<String> include, List<String> exclude) {
        for (String regex : include) {
            Pattern.compile(regex);
        }
        for (String regex : exclude) {
            Pattern.compile(regex);
        }
        String p = Pattern.quote(prefix + ".");
        StringBuilder pattern = new StringBuilder();
        if (!exclude.isEmpty()) {
            pattern.append("(?!").append(p).append("(?:").append(alternatives(exclude)).append(")$)");
        }
        if (!include.isEmpty()) {
            pattern.append("(?=").append(p).append("(?:").append(alternatives(include)).append(")$)");
        }
        pattern.append(p).append("[^.]+\\.[^.]+");
        return Pattern.compile(pattern.toString());
    }

    private static String alternatives(List<String> regexes) {
        return regexes.stream().map(r -> "(?:" + r.trim() + ")").collect(Collectors.joining("|"));
    }
}
