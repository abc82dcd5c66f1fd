package org.streamingetl.registrar.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.streamingetl.common.registry.SchemaUnavailableException;
import org.streamingetl.common.registry.ConnectRecords;
import org.streamingetl.registrar.kafka.TopicFollower;
import org.jboss.logging.Logger;
import org.streamingetl.common.topics.TableId;

/**
 * Follows Debezium's schema change topic ({@code <prefix>}) and re-announces every table a DDL statement touched,
 * so the sink learns a new structure before (or while) the changes written with it arrive; tables whose rows a
 * statement changed without row events (renamed onto, partitions dropped or exchanged: {@link TableStatements}) are
 * re-sent. Its consumer group's committed offsets make it resume after a restart without missing a DDL.
 */
public final class SchemaChangeFollower extends TopicFollower {

    private static final Logger LOG = Logger.getLogger(SchemaChangeFollower.class);

    private final String topic;
    private final TableAnnouncer announcer;
    private final Resender resender;
    private final Set<String> databases;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ConnectRecords records;
    /**
     * Re-sends decided but not done yet (the database refused the signal): after the seek back the announcements are
     * already out and would not ask for them again, so they are carried into the next attempt.
     */
    private final Map<TableId, String> unsent = new LinkedHashMap<>();

    /** Re-sends tables (an incremental snapshot); see {@code TableResyncs}. */
    public interface Resender {
        void resend(List<TableId> tables, String reason) throws Exception;
    }

    /**
     * @param databases the captured databases: a statement naming a table elsewhere (a rename into another
     *                  database, say) announces nothing there
     */
    public SchemaChangeFollower(Map<String, Object> kafka, String groupId, String topic, TableAnnouncer announcer,
                                Resender resender, Set<String> databases, ConnectRecords records) {
        super(kafka, Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000), "registrar-schema-follower");
        this.topic = topic;
        this.announcer = announcer;
        this.resender = resender;
        this.databases = Set.copyOf(databases);
        this.records = records;
    }

    @Override
    protected void follow() {
        consumer.subscribe(List.of(topic));
        while (running()) {
            followOnce();
        }
    }

    /** One poll: announces the tables its DDL statements touched and re-sends what they need, then commits. */
    private void followOnce() {
        Map<TableId, Map<String, String>> touched = new LinkedHashMap<>();
        Map<TableId, String> resend = new LinkedHashMap<>(unsent);
        List<SchemaChange> changes = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                changes.add(changeOf(record));
            }
        } catch (SchemaUnavailableException e) {
            LOG.warnf("Cannot read the schema change topic %s yet (%s); trying again", topic, e.getMessage());
            seekToCommitted();
            sleep();
            return;
        }
        for (SchemaChange change : changes) {
            for (TableId table : change.tables()) {
                if (databases.contains(table.database())) {
                    touched.computeIfAbsent(table, t -> new LinkedHashMap<>()).putAll(change.renames());
                }
            }
            change.resend().forEach(table -> resend.put(table, change.ddl()));
            for (TableId table : change.dropped()) {
                // Dropped and already created again: the rows it had before the drop must go.
                if (announcer.last(table).isPresent()) {
                    resend.put(table, change.ddl() + " (and created again)");
                }
            }
            for (TableId table : change.fromSnapshot() ? Set.<TableId>of() : change.tables()) {
                // Created again after its removal was announced: the sink may have passed over rows of the
                // new table written before it read the removal; the re-send brings them.
                if (announcer.removedBefore(table)) {
                    resend.putIfAbsent(table, "created again after it was dropped: " + change.ddl());
                }
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        if (announceAll(touched, resend) && resendAll(resend)) {
            unsent.clear();
            consumer.commitSync();
        } else {
            unsent.putAll(resend);
        }
    }

    /**
     * Announces each table, adding to {@code resend} the tables whose new columns' values existing rows cannot be
     * derived from the announcement ({@link TableAnnouncer#resendReason}); on a database error, seeks back so the
     * batch is tried again.
     */
    private boolean announceAll(Map<TableId, Map<String, String>> tables, Map<TableId, String> resend) {
        for (Map.Entry<TableId, Map<String, String>> table : tables.entrySet()) {
            try {
                announcer.announce(table.getKey(), table.getValue())
                        .ifPresent(reason -> resend.putIfAbsent(table.getKey(), reason));
            } catch (Exception e) {
                LOG.warnf("Cannot announce the new structure of %s (%s); trying again", table, e.getMessage());
                seekToCommitted();
                sleep();
                return false;
            }
        }
        return true;
    }

    /**
     * Re-sends the tables that still exist with a primary key (Debezium's incremental snapshot needs one); on an
     * error, seeks back like {@link #announceAll}.
     */
    private boolean resendAll(Map<TableId, String> tables) {
        Map<String, List<TableId>> byStatement = new LinkedHashMap<>();
        tables.forEach((table, ddl) -> {
            if (!databases.contains(table.database())) {
                return;
            }
            var announced = announcer.last(table);
            if (announced.isEmpty()) {
                return; // gone again (renamed away or dropped by a later statement)
            }
            if (announced.get().primaryKey().isEmpty()) {
                LOG.warnf("'%s' changed the rows of %s without row events, and a table without primary key cannot be"
                        + " re-sent: its ClickHouse change log misses that change", ddl, table);
                return;
            }
            byStatement.computeIfAbsent(ddl, d -> new java.util.ArrayList<>()).add(table);
        });
        for (Map.Entry<String, List<TableId>> statement : byStatement.entrySet()) {
            try {
                resender.resend(statement.getValue(), statement.getKey());
            } catch (Exception e) {
                LOG.warnf("Cannot re-send %s (%s); trying again", statement.getValue(), e.getMessage());
                seekToCommitted();
                sleep();
                return false;
            }
        }
        return true;
    }

    private void seekToCommitted() {
        consumer.committed(consumer.assignment()).forEach((tp, offset) -> {
            if (offset != null) {
                consumer.seek(tp, offset);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        });
    }

    /**
     * One schema change event: the tables it touched (announcements to refresh), the columns it renamed, the tables
     * whose rows it changed without row events, and its statement.
     */
    record SchemaChange(Set<TableId> tables, Map<String, String> renames, Set<TableId> resend,
                        Set<TableId> dropped, String ddl, boolean fromSnapshot) {
    }

    /**
     * The tables of one schema change event (its {@code tableChanges[].id}; DDL without them, such as a database's
     * statements, touches no table) and the column renames of its {@code ddl} statement.
     */
    SchemaChange changeOf(ConsumerRecord<byte[], byte[]> record) {
        Set<TableId> tables = new LinkedHashSet<>();
        Map<String, String> renames = new LinkedHashMap<>();
        Set<TableId> resend = new LinkedHashSet<>();
        Set<TableId> dropped = new LinkedHashSet<>();
        String ddl = null;
        boolean fromSnapshot = false;
        if (record.value() == null) {
            return new SchemaChange(tables, renames, resend, dropped, null, false);
        }
        try {
            JsonNode payload = records.tree(record.value()).path("payload");
            ddl = payload.path("ddl").asText(null);
            renames.putAll(ColumnRenames.of(ddl));
            for (JsonNode change : payload.path("tableChanges")) {
                TableId id = parseId(change.path("id").asText());
                if (id != null) {
                    tables.add(id);
                }
            }
            String database = payload.path("databaseName").asText("");
            // Debezium's own snapshot replays the schema (DROP TABLE IF EXISTS, CREATE TABLE for every table): the
            // snapshot that follows sends every row, nothing is to be re-sent.
            fromSnapshot = !"false".equals(payload.path("source").path("snapshot").asText("false"));
            if (!database.isEmpty() && !fromSnapshot) {
                TableStatements statements = TableStatements.of(ddl, database);
                tables.addAll(statements.touched());
                resend.addAll(statements.resend());
                dropped.addAll(statements.dropped());
            }
        } catch (SchemaUnavailableException e) {
            throw e;
        } catch (Exception e) {
            LOG.warnf("Skipping unreadable schema change event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
        return new SchemaChange(tables, renames, resend, dropped, ddl, fromSnapshot);
    }

    /** Debezium table ids look like {@code "db"."table"} (quoted) or {@code db.table}. */
    static TableId parseId(String id) {
        String s = id.trim();
        String database;
        String table;
        if (s.startsWith("\"")) {
            int end = s.indexOf("\".\"", 1);
            if (end < 0 || s.length() < end + 4 || !s.endsWith("\"")) {
                return null;
            }
            database = s.substring(1, end);
            table = s.substring(end + 3, s.length() - 1);
        } else {
            int dot = s.indexOf('.');
            if (dot < 0) {
                return null;
            }
            database = s.substring(0, dot);
            table = s.substring(dot + 1);
        }
        return database.isBlank() || table.isBlank() ? null : new TableId(database, table);
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
