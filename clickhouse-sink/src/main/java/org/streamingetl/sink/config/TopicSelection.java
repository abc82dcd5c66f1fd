package org.streamingetl.sink.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.common.topics.Topics;

/**
 * The tables the sink writes, chosen by {@code sink.tables.include} and {@code sink.tables.exclude} (regular
 * expressions over {@code <db>.<table>}, as in Debezium's {@code table.include.list}; exclude wins), and the pattern
 * of the data topics it subscribes to. Tables left out are never read, so they get no ClickHouse table and no
 * offsets.
 *
 * <p>The regexes are matched against the table names cdc-registrar announced, never against topic names: a topic
 * name is the table name sanitised (see {@link Topics}), so {@code shop\.a b} selects the table {@code a b} of topic
 * {@code <prefix>.shop.a_b}. A topic no announcement names yet is judged by its name after {@code <prefix>.}, which
 * is its {@code <db>.<table>} whenever the names need no sanitising; once announced, the announcement decides.
 */
public final class TopicSelection {

    private final String prefix;
    private final String include;
    private final String exclude;
    private final Pattern includePattern;
    private final Pattern excludePattern;

    public TopicSelection(String prefix, List<String> include, List<String> exclude) {
        this.prefix = prefix;
        include.forEach(Pattern::compile);
        exclude.forEach(Pattern::compile);
        this.include = include.isEmpty() ? null : alternatives(include);
        this.exclude = exclude.isEmpty() ? null : alternatives(exclude);
        this.includePattern = this.include == null ? null : Pattern.compile(this.include);
        this.excludePattern = this.exclude == null ? null : Pattern.compile(this.exclude);
    }

    /** True when the sink writes {@code database.table}. */
    public boolean selected(String database, String table) {
        return selected(database + "." + table);
    }

    private boolean selected(String qualifiedName) {
        return (includePattern == null || includePattern.matcher(qualifiedName).matches())
                && (excludePattern == null || !excludePattern.matcher(qualifiedName).matches());
    }

    /** The pattern of the data topics to read, when nothing is announced yet. */
    public Pattern pattern() {
        return pattern(Map.of());
    }

    /**
     * The pattern of the data topics to read (Kafka matches it against whole topic names): every data topic
     * ({@link Topics#dataTopicPattern}) that is selected — by its announced tables (topic → tables; a topic shared by
     * several tables is read when any of them is selected, to report their refusal), or, for topics not announced,
     * by its name. Only the topics where the announcement and the name disagree are spelled out.
     */
    public Pattern pattern(Map<String, ? extends Collection<TableId>> announced) {
        String base = Pattern.quote(prefix + ".") + "[^.]+\\..+";
        Pattern byName = Pattern.compile(byNameAssertions() + base);
        TreeSet<String> plus = new TreeSet<>();
        TreeSet<String> minus = new TreeSet<>();
        announced.forEach((topic, tables) -> {
            boolean wanted = tables.stream().anyMatch(t -> selected(t.database(), t.table()));
            boolean named = byName.matcher(topic).matches();
            if (wanted && !named) {
                plus.add(topic);
            } else if (!wanted && named) {
                minus.add(topic);
            }
        });
        StringBuilder pattern = new StringBuilder();
        if (!minus.isEmpty()) {
            pattern.append("(?!").append(literals(minus)).append("$)");
        }
        if (plus.isEmpty()) {
            pattern.append(byNameAssertions());
        } else {
            pattern.append("(?:(?=").append(literals(plus)).append("$)|").append(byNameAssertions()).append(")");
        }
        return Pattern.compile(pattern.append(base).toString());
    }

    private String byNameAssertions() {
        String p = Pattern.quote(prefix + ".");
        StringBuilder s = new StringBuilder();
        if (exclude != null) {
            s.append("(?!").append(p).append("(?:").append(exclude).append(")$)");
        }
        if (include != null) {
            s.append("(?=").append(p).append("(?:").append(include).append(")$)");
        }
        return s.toString();
    }

    private static String literals(Collection<String> topics) {
        return topics.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")"));
    }

    private static String alternatives(List<String> regexes) {
        return regexes.stream().map(r -> "(?:" + r.trim() + ")").collect(Collectors.joining("|"));
    }
}
