package org.streamingetl.sink.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlEvent;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.EnrichmentDeployed;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.kafka.ControlListener;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.common.topics.Topics;

/**
 * The table structures announced on the control topic ({@code TableCaptured}, and enrichments as tables of the
 * database {@code enriched}), by announced data topic, and the topics whose table was dropped in MySQL (a tombstone
 * for {@code table/<db>.<table>}). The topic of a table is the one its announcement names ({@code TableCaptured.topic});
 * topic names are never parsed (a table name may contain dots, and Debezium sanitises names, see {@link Topics}).
 * A topic announced for two tables ({@code a b} and {@code a_b}) carries both tables' changes: it is
 * {@linkplain #collision refused}, from then on for the life of this process (its records cannot be told apart).
 * Written by the control reader's thread, read by the sink loop: a new announcement is a new object, so the loop
 * sees a change by identity.
 */
public final class TableRegistry implements ControlListener {

    private static final Logger LOG = Logger.getLogger(TableRegistry.class);

    private final ControlCodec codec;
    private final Topics topics;
    /** Control key ({@code table/<db>.<table>}, {@code enrichment/<name>}) → its announcement. */
    private final Map<String, TableCaptured> byKey = new ConcurrentHashMap<>();
    /** Topic → the tables announced for it; rebuilt on every change (announcements are rare). */
    private volatile Map<String, List<TableCaptured>> byTopic = Map.of();
    /** Topics that carried more than one table, with the tables. */
    private final Map<String, List<String>> collided = new ConcurrentHashMap<>();
    /** Topic → the source table (or enrichment) removed from the control topic. */
    private final Map<String, TableId> droppedTopics = new ConcurrentHashMap<>();
    /** Topics of enrichments on the ksqldb engine: plain rows (JSON or Avro), see {@link #plainJson}. */
    private final Set<String> plainJsonTopics = ConcurrentHashMap.newKeySet();
    /** Topics of enrichments (either engine): upserts without before images, see {@link #enrichment}. */
    private final Set<String> enrichmentTopics = ConcurrentHashMap.newKeySet();
    private final AtomicLong version = new AtomicLong();

    public TableRegistry(ControlCodec codec, Topics topics) {
        this.codec = codec;
        this.topics = topics;
    }

    @Override
    public synchronized void onEvent(ControlKey key, ControlEvent event) {
        TableCaptured table;
        boolean plainJson = false;
        if (event.type() == EventType.TableCaptured) {
            table = codec.payload(event, TableCaptured.class);
        } else if (event.type() == EventType.EnrichmentDeployed) {
            EnrichmentDeployed enrichment = codec.payload(event, EnrichmentDeployed.class);
            table = asTable(enrichment);
            if (table == null) {
                return;
            }
            plainJson = EnrichmentDeployed.KSQLDB.equals(enrichment.engine());
        } else {
            return;
        }
        if (event.type() == EventType.EnrichmentDeployed) {
            enrichmentTopics.add(table.topic());
        } else {
            enrichmentTopics.remove(table.topic());
        }
        if (plainJson) {
            plainJsonTopics.add(table.topic());
        } else {
            plainJsonTopics.remove(table.topic());
        }
        droppedTopics.remove(table.topic());
        TableCaptured previous = byKey.get(key.toString());
        if (previous != null && previous.equals(table)) {
            return;
        }
        byKey.put(key.toString(), table);
        LOG.infof("Schema of %s (topic %s): %d columns, primary key %s%s", table.qualifiedName(), table.topic(),
                table.columns().size(), table.primaryKey(),
                table.renamedColumns().isEmpty() ? "" : ", renamed columns " + table.renamedColumns());
        reindex();
    }

    /**
     * An enrichment's output is written like a source table (design.md: same contract), into the database its
     * topic names ({@code <prefix>.enriched.<name>} → {@code enriched}).
     */
    private TableCaptured asTable(EnrichmentDeployed enrichment) {
        if (!enrichment.outputTopic().equals(topics.enriched(enrichment.name()))) {
            LOG.warnf("Enrichment %s writes topic %s, not %s; not written to ClickHouse", enrichment.name(),
                    enrichment.outputTopic(), topics.enriched(enrichment.name()));
            return null;
        }
        return new TableCaptured(Topics.ENRICHED_SEGMENT, enrichment.name(), enrichment.outputTopic(),
                enrichment.keyColumns(), enrichment.columns());
    }

    @Override
    public synchronized void onRemoved(ControlKey key) {
        TableId table;
        String topic;
        TableCaptured last = byKey.remove(key.toString());
        if (last != null) {
            table = new TableId(last.database(), last.table());
            topic = last.topic();
        } else if (ControlKey.ENRICHMENT.equals(key.kind())) {
            table = new TableId(Topics.ENRICHED_SEGMENT, key.name());
            topic = topics.enriched(key.name());
        } else if (ControlKey.TABLE.equals(key.kind()) && key.name().indexOf('.') > 0) {
            // never announced in what this process read: the database name cannot contain a dot here
            int dot = key.name().indexOf('.');
            table = new TableId(key.name().substring(0, dot), key.name().substring(dot + 1));
            topic = topics.data(table.database(), table.table());
        } else {
            return;
        }
        reindex();
        if (byTopic.containsKey(topic)) {
            LOG.infof("%s was removed from the control topic; its topic %s still carries another table", key, topic);
            return;
        }
        if (droppedTopics.put(topic, table) == null) {
            LOG.infof("%s was removed from the control topic (topic %s): its ClickHouse table is dropped", key, topic);
        }
    }

    private void reindex() {
        Map<String, List<TableCaptured>> index = new LinkedHashMap<>();
        for (TableCaptured table : byKey.values()) {
            index.computeIfAbsent(table.topic(), t -> new ArrayList<>()).add(table);
        }
        index.replaceAll((topic, tables) -> List.copyOf(tables));
        for (Map.Entry<String, List<TableCaptured>> e : index.entrySet()) {
            if (e.getValue().size() > 1) {
                List<String> names = e.getValue().stream().map(TableCaptured::qualifiedName).sorted().toList();
                if (!names.equals(collided.put(e.getKey(), names))) {
                    LOG.errorf("%s", collisionReason(e.getKey(), names));
                }
            }
        }
        byTopic = Map.copyOf(index);
        version.incrementAndGet();
    }

    static String collisionReason(String topic, List<String> tables) {
        return "tables " + String.join(" and ", tables.stream().map(t -> "'" + t + "'").toList())
                + " share the Kafka topic " + topic + " (Debezium replaces every character outside [A-Za-z0-9._-] "
                + "with '_' and cuts names at 249 characters), so their changes are mixed in one topic: the sink "
                + "refuses to write it. Rename one of the tables in MySQL so that the names differ after that "
                + "replacement, then restart the sink";
    }

    /**
     * True when the topic's records are plain rows as ksqlDB writes them, JSON or Avro (an enrichment deployed on
     * the ksqldb engine; {@code decode.PlainRowDecoder}), not Debezium envelopes.
     */
    public boolean plainJson(String topic) {
        return plainJsonTopics.contains(topic);
    }

    /**
     * True when the topic is an enrichment's output: every insert or update is an upsert without a before image, a
     * delete carries only the key.
     */
    public boolean enrichment(String topic) {
        return enrichmentTopics.contains(topic);
    }

    /** The one table announced for this topic; empty when none is, or when the topic is {@linkplain #collision refused}. */
    public Optional<TableCaptured> forTopic(String topic) {
        if (collided.containsKey(topic)) {
            return Optional.empty();
        }
        List<TableCaptured> tables = byTopic.get(topic);
        return tables == null || tables.size() != 1 ? Optional.empty() : Optional.of(tables.get(0));
    }

    /** Why the topic is refused (it carried two or more tables), or empty. */
    public Optional<String> collision(String topic) {
        List<String> tables = collided.get(topic);
        return tables == null ? Optional.empty() : Optional.of(collisionReason(topic, tables));
    }

    /** The tables that shared a refused topic. */
    public List<String> collidedTables(String topic) {
        return collided.getOrDefault(topic, List.of());
    }

    /** Every announcement now on the control topic (source tables and enrichments). */
    public Collection<TableCaptured> announced() {
        return List.copyOf(byKey.values());
    }

    /** Grows with every change of the announced tables (for consumers that recompute something from them). */
    public long version() {
        return version.get();
    }

    /** True when the source table of this topic was dropped and not created again. */
    public boolean dropped(String topic) {
        return droppedTopics.containsKey(topic);
    }

    /** The dropped table of a topic (see {@link #dropped}). */
    public Optional<TableId> droppedTable(String topic) {
        return Optional.ofNullable(droppedTopics.get(topic));
    }
}
