package org.streamingetl.sink.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.sink.config.TopicSelection;

/**
 * The data topics the sink loop subscribes to: {@link TopicSelection#pattern(Map)} over what is announced now. The
 * loop asks for {@link #changed()} after each poll and subscribes again when a new announcement changed the pattern
 * (a table whose topic name differs from its {@code <db>.<table>}, e.g. {@code a b} → {@code a_b}).
 */
public final class Subscription {

    private static final Logger LOG = Logger.getLogger(Subscription.class);

    private final TopicSelection selection;
    private final TableRegistry registry;
    private long version = -1;
    private String current;

    public Subscription(TopicSelection selection, TableRegistry registry) {
        this.selection = selection;
        this.registry = registry;
    }

    /** The pattern to subscribe with now. */
    public synchronized Pattern pattern() {
        version = registry.version();
        Pattern pattern = selection.pattern(announcedTopics(registry));
        current = pattern.pattern();
        return pattern;
    }

    /** A new pattern when the announcements changed it since the last call, else null. */
    public synchronized Pattern changed() {
        if (registry.version() == version) {
            return null;
        }
        String before = current;
        Pattern pattern = pattern();
        if (pattern.pattern().equals(before)) {
            return null;
        }
        LOG.infof("The announced tables changed the selection of data topics; subscribing to %s", pattern.pattern());
        return pattern;
    }

    /** Subscribes the consumer to the data topics selected now. */
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener listener) {
        consumer.subscribe(pattern(), listener);
    }

    /** Subscribes the consumer again when the announcements changed the pattern (see {@link #changed()}). */
    public void resubscribeIfChanged(Consumer<?, ?> consumer, Supplier<ConsumerRebalanceListener> listener) {
        Pattern changed = changed();
        if (changed != null) {
            consumer.subscribe(changed, listener.get());
        }
    }

    static Map<String, List<TableId>> announcedTopics(TableRegistry registry) {
        Map<String, List<TableId>> topics = new LinkedHashMap<>();
        for (TableCaptured table : registry.announced()) {
            topics.computeIfAbsent(table.topic(), t -> new ArrayList<>()).add(new TableId(table.database(), table.table()));
        }
        return topics;
    }
}
