package org.streamingetl.registrar.schema;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.streamingetl.common.control.ColumnDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.registrar.source.SourceInspector;

/**
 * Announces a table's exact structure ({@code TableCaptured}, key {@code table/<db>.<table>}) on the control topic,
 * read fresh from information_schema; a table that no longer exists gets a tombstone. An announcement equal to the
 * last one is not repeated. The data topic announced is {@link Topics#data}, the name Debezium gives it (sanitised;
 * two tables may share one, which is logged here and refused by the sink).
 */
public final class TableAnnouncer {

    private static final Logger LOG = Logger.getLogger(TableAnnouncer.class);

    private final SourceInspector inspector;
    private final ControlPublisher publisher;
    private final Topics topics;
    private final Predicate<String> topicHasChanges;
    private final Map<TableId, TableCaptured> announced = new ConcurrentHashMap<>();
    /** Tables this process removed (tombstoned) and has not announced since. */
    private final Set<TableId> removed = ConcurrentHashMap.newKeySet();

    /**
     * @param topicHasChanges whether a data topic holds any record (Kafka is asked; it may throw when Kafka is down,
     *                        and the caller tries again)
     */
    public TableAnnouncer(SourceInspector inspector, ControlPublisher publisher, Topics topics,
                          Predicate<String> topicHasChanges) {
        this.inspector = inspector;
        this.publisher = publisher;
        this.topics = topics;
        this.topicHasChanges = topicHasChanges;
    }

    /**
     * The last announcements on the control topic, read at start: a restarted registrar keeps the former columns
     * (and does not repeat an unchanged announcement).
     */
    public void seed(Map<TableId, TableCaptured> lastAnnounced) {
        announced.putAll(lastAnnounced);
    }

    /** The columns the table had in earlier announcements and has no more. */
    static List<String> formerColumns(TableCaptured previous, List<ColumnDefinition> current) {
        Set<String> former = new LinkedHashSet<>();
        if (previous != null) {
            former.addAll(previous.formerColumns());
            previous.columns().forEach(c -> former.add(c.name()));
        }
        current.forEach(c -> former.remove(c.name()));
        return List.copyOf(former);
    }

    /**
     * True when this process removed the table's announcement (it was gone) and has not announced it since: if it
     * exists now, it was created again.
     */
    public boolean removedBefore(TableId table) {
        return removed.contains(table);
    }

    /** The table's last announcement; empty when it is gone or was never announced. */
    public Optional<TableCaptured> last(TableId table) {
        return Optional.ofNullable(announced.get(table));
    }

    public Optional<String> announce(TableId table) throws SQLException {
        return announce(table, Map.of());
    }

    /**
     * Announces every table of the databases; returns the tables a change made while the registrar was down asks to
     * re-send, with the reason. A table without primary key cannot be re-sent: that is logged instead.
     */
    public Map<TableId, String> announceAll(List<String> databases) throws SQLException {
        Map<TableId, String> resend = new LinkedHashMap<>();
        for (String database : databases) {
            for (String table : inspector.tables(database)) {
                TableId id = new TableId(database, table);
                announce(id).ifPresent(reason -> {
                    if (last(id).map(t -> t.primaryKey().isEmpty()).orElse(true)) {
                        LOG.warnf("%s: %s, but a table without primary key cannot be re-sent", id, reason);
                    } else {
                        resend.put(id, reason);
                    }
                });
            }
        }
        return resend;
    }

    /**
     * The columns with their backfill: a column the previous announcement had (under its name, or under the old name
     * of a rename) keeps that one, since a later {@code SET DEFAULT} changes no existing row; a new column's is its
     * default now ({@code ColumnTypes}).
     */
    static List<ColumnDefinition> withBackfills(TableCaptured previous, List<ColumnDefinition> current,
                                                Map<String, String> renames) {
        if (previous == null) {
            return current;
        }
        Map<String, ColumnDefinition> before = new LinkedHashMap<>();
        previous.columns().forEach(c -> before.put(c.name(), c));
        renames.forEach((from, to) -> {
            ColumnDefinition old = before.get(from);
            if (old != null && !before.containsKey(to)) {
                before.put(to, old);
            }
        });
        return current.stream().map(c -> before.containsKey(c.name()) ? c.withBackfill(before.get(c.name()).backfill())
                : c).toList();
    }

    /**
     * Why the table's existing rows must be re-sent after this announcement, or empty: a column new since the previous
     * announcement whose backfill is an expression (its values are not known here: {@code CURRENT_TIMESTAMP}, a
     * TIMESTAMP), or a column added again after it was dropped (the consumer still has the old column's values).
     */
    static Optional<String> resendReason(TableCaptured previous, TableCaptured current) {
        if (previous == null) {
            return Optional.empty();
        }
        Set<String> had = new java.util.HashSet<>();
        previous.columns().forEach(c -> had.add(c.name()));
        had.addAll(current.renamedColumns().values());
        for (ColumnDefinition column : current.columns()) {
            if (had.contains(column.name())) {
                continue;
            }
            if (column.backfill().isExpression()) {
                return Optional.of("column " + column.name() + " added with default " + column.backfill().value()
                        + ", which existing rows read as values not known to the registrar");
            }
            if (previous.formerColumns().contains(column.name())) {
                return Optional.of("column " + column.name() + " added again after it was dropped");
            }
        }
        return Optional.empty();
    }

    /**
     * Announces the table's current structure, with the column renames of the DDL statement that changed it (only
     * those whose new name is a column now). A table that is gone gets a tombstone when it was announced — by this
     * process or before it (the announcements on the control topic, read at start by {@link #seed}): a DROP made
     * while the registrar was down is applied too. Returns why the table must be re-sent ({@link #resendReason}), or
     * empty.
     */
    public synchronized Optional<String> announce(TableId table, Map<String, String> renames) throws SQLException {
        Optional<SourceInspector.TableStructure> structure = inspector.structure(table);
        if (structure.isEmpty()) {
            // Only a table announced before (by this process, or on the control topic it read at start) has anything
            // to remove. A DROP TABLE IF EXISTS of a table never announced removes nothing: a tombstone for it would
            // make the sink pass over rows of the table when it is created right after.
            if (announced.remove(table) != null) {
                removed.add(table);
                publisher.remove(EventType.TableCaptured, table.toString());
                LOG.infof("Table %s is gone: removed its announcement (the sink drops its ClickHouse table)", table);
            } else if (!removed.contains(table) && topicHasChanges.test(topics.data(table.database(), table.table()))) {
                // Created and gone again before this process read its CREATE (a shadow table of an online schema
                // change renamed away, say): Debezium wrote its changes, and the sink, which reads them, learns from
                // the removal that no table is coming for them.
                removed.add(table);
                publisher.remove(EventType.TableCaptured, table.toString());
                LOG.infof("Table %s is gone before it could be announced, but its topic %s holds changes: removed its "
                        + "announcement so that the sink passes over them", table, topics.data(table.database(),
                        table.table()));
            }
            return Optional.empty();
        }
        Map<String, String> applied = new LinkedHashMap<>();
        renames.forEach((from, to) -> {
            boolean fromGone = structure.get().columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(from));
            boolean toPresent = structure.get().columns().stream().anyMatch(c -> c.name().equals(to));
            if (fromGone && toPresent) {
                applied.put(from, to);
            }
        });
        TableCaptured previous = announced.get(table);
        TableCaptured captured = new TableCaptured(table.database(), table.table(),
                topics.data(table.database(), table.table()), structure.get().primaryKey(),
                withBackfills(previous, structure.get().columns(), applied), applied,
                formerColumns(previous, structure.get().columns()));
        if (previous != null && captured.withoutRenames().equals(previous.withoutRenames())) {
            return Optional.empty();
        }
        Optional<String> resend = resendReason(previous, captured);
        if (!applied.isEmpty()) {
            LOG.infof("Table %s renamed columns %s", table, applied);
        }
        publisher.publish(EventType.TableCaptured, table.toString(), captured);
        announced.put(table, captured);
        removed.remove(table);
        announced.values().stream().filter(t -> t.topic().equals(captured.topic()) && t != captured).forEach(t ->
                LOG.errorf("Tables %s and %s share the Kafka topic %s (Debezium sanitises names): the sink refuses it; "
                        + "rename one of them", t.qualifiedName(), captured.qualifiedName(), captured.topic()));
        LOG.infof("Announced TableCaptured %s: %d columns, primary key %s", table, captured.columns().size(),
                captured.primaryKey().isEmpty() ? "none (append-only change log)" : captured.primaryKey());
        return resend;
    }
}
