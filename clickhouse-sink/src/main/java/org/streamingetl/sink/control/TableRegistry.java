package org.streamingetl.sink.control;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * The table structures announced on the control topic ({@code TableCaptured}), by data topic, and the topics whose
 * table was dropped in MySQL (a tombstone for {@code table/<db>.<table>}). Written by the control reader's thread,
 * read by the sink loop: a new announcement is a new object, so the loop sees a change by identity.
 */
public final class TableRegistry implements ControlListener {

    private static final Logger LOG = Logger.getLogger(TableRegistry.class);

    private final ControlCodec codec;
    private final Topics topics;
    private final Map<String, TableCaptured> byTopic = new ConcurrentHashMap<>();
    /** Topic → the source table (or enrichment) removed from the control topic. */
    private final Map<String, TableId> droppedTopics = new ConcurrentHashMap<>();
    /** Topics of enrichments on the ksqldb engine: plain JSON rows, see {@link #plainJson}. */
    private final Set<String> plainJsonTopics = ConcurrentHashMap.newKeySet();

    public TableRegistry(ControlCodec codec, Topics topics) {
        this.codec = codec;
        this.topics = topics;
    }

    @Override
    public void onEvent(ControlKey key, ControlEvent event) {
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
        if (plainJson) {
            plainJsonTopics.add(table.topic());
        } else {
            plainJsonTopics.remove(table.topic());
        }
        droppedTopics.remove(table.topic());
        TableCaptured previous = byTopic.put(table.topic(), table);
        if (previous == null || !previous.equals(table)) {
            LOG.infof("Schema of %s (topic %s): %d columns, primary key %s%s", table.qualifiedName(), table.topic(),
                    table.columns().size(), table.primaryKey(),
                    table.renamedColumns().isEmpty() ? "" : ", renamed columns " + table.renamedColumns());
        } else {
            byTopic.put(table.topic(), previous);
        }
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
    public void onRemoved(ControlKey key) {
        TableId table;
        if (ControlKey.ENRICHMENT.equals(key.kind())) {
            table = new TableId(Topics.ENRICHED_SEGMENT, key.name());
        } else if (ControlKey.TABLE.equals(key.kind()) && key.name().indexOf('.') > 0) {
            int dot = key.name().indexOf('.');
            table = new TableId(key.name().substring(0, dot), key.name().substring(dot + 1));
        } else {
            return;
        }
        String topic = topics.data(table.database(), table.table());
        byTopic.remove(topic);
        if (droppedTopics.put(topic, table) == null) {
            LOG.infof("%s was removed from the control topic (topic %s): its ClickHouse table is dropped", key, topic);
        }
    }

    /**
     * True when the topic's records are plain JSON rows as ksqlDB writes them (an enrichment deployed on the
     * ksqldb engine), not Debezium envelopes with schemas.
     */
    public boolean plainJson(String topic) {
        return plainJsonTopics.contains(topic);
    }

    public Optional<TableCaptured> forTopic(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
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
