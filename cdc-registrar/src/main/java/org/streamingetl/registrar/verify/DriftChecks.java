package org.streamingetl.registrar.verify;

import org.streamingetl.common.health.PeriodicTask;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.DriftCheck;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.common.kafka.KafkaTopics;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.common.verify.ChunkVerified;
import org.streamingetl.registrar.RegistrarService;
import org.streamingetl.registrar.config.RegistrarConfig;
import org.streamingetl.registrar.connector.ConnectorConfigBuilder;
import org.streamingetl.registrar.snapshot.SnapshotSignals;
import org.streamingetl.registrar.snapshot.TableResyncs;
import org.streamingetl.registrar.source.SourceInspector;

/**
 * The drift check: for each table, chunk by chunk along the primary key, MySQL's count and checksum go into a marker
 * row through the binlog ({@link MarkerWriter}); each sink answers with ClickHouse's count and checksum of the chunk
 * at that very point of the change stream ({@link AnswerFollower}). A chunk a sink answers {@code LATE} is asked
 * again. Results per table on {@code GET /source/verify}, on the control topic ({@code DriftCheck}) and as metrics.
 */
@ApplicationScoped
public class DriftChecks {

    private static final Logger LOG = Logger.getLogger(DriftChecks.class);

    @Inject
    RegistrarConfig config;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    SourceInspector inspector;
    @Inject
    RegistrarService service;
    @Inject
    MeterRegistry meters;

    private final Map<String, TableCheck> checks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registrar-verify");
        t.setDaemon(true);
        return t;
    });
    private AnswerFollower answers;
    private MarkerWriter markers;
    private volatile Instant lastFinished;

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("registrar.drift.tables.different", checks, c -> count(c.values(), DriftCheck.DIFFERENT))
                .description("Tables whose last drift check found differing chunks").register(meters);
        Gauge.builder("registrar.drift.rows.different", checks, DriftChecks::rowsInDifferentChunks)
                .description("MySQL rows in the differing chunks of the last checks").register(meters);
        Gauge.builder("registrar.drift.last.check", this, d -> d.lastFinished == null ? 0 : d.lastFinished.getEpochSecond())
                .baseUnit("seconds").description("When the last drift check of a table ended (epoch seconds)")
                .register(meters);
        worker.scheduleWithFixedDelay(PeriodicTask.guarded("Expiring unanswered drift checks", this::tick),
                1, 1, TimeUnit.SECONDS);
        config.verify().every().ifPresent(every -> worker.scheduleWithFixedDelay(
                PeriodicTask.guarded("The scheduled drift check", this::scheduled),
                every.toSeconds(), every.toSeconds(), TimeUnit.SECONDS));
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
        if (answers != null) {
            answers.close();
        }
    }

    /**
     * Starts a check of the tables ({@code db.table}; empty or null: every captured table); returns its id.
     *
     * @throws IllegalArgumentException when a name is not a captured table
     */
    public String start(List<String> tables) throws SQLException {
        List<TableId> ids = tables == null || tables.isEmpty() ? capturedTables() : named(tables);
        ensureStarted();
        String checkId = UUID.randomUUID().toString();
        for (TableId id : ids) {
            TableCheck check = new TableCheck(id, checkId, Instant.now(), config.verify().sinks());
            checks.put(id.toString(), check);
            announce(check);
            worker.execute(() -> plan(check));
        }
        LOG.infof("Drift check %s of %s started", checkId, ids);
        return checkId;
    }

    /** The last check of each table. */
    public List<DriftCheck> results() {
        return checks.values().stream().map(TableCheck::snapshot).sorted(java.util.Comparator.comparing(DriftCheck::table))
                .toList();
    }

    /**
     * Re-sends the tables ({@code db.table}; empty: all) whose last check is DIFFERENT, by an incremental snapshot
     * of the whole table ({@link TableResyncs}); returns the tables re-sent.
     */
    public List<String> repair(List<String> tables) throws SQLException {
        TableResyncs resyncs = service.resyncs();
        if (resyncs == null) {
            throw new IllegalStateException("cdc-registrar is still starting; try again in a few seconds");
        }
        List<TableCheck> different = new ArrayList<>();
        for (TableCheck check : checks.values()) {
            if ((tables == null || tables.isEmpty() || tables.contains(check.table.toString()))
                    && DriftCheck.DIFFERENT.equals(check.state())) {
                different.add(check);
            }
        }
        if (!different.isEmpty()) {
            resyncs.request(different.stream().map(c -> c.table).toList(), "drift check " + different.get(0).checkId
                    + " found differing chunks");
            different.forEach(c -> {
                c.repairing();
                announce(c);
            });
        }
        return different.stream().map(c -> c.table.toString()).toList();
    }

    private synchronized void ensureStarted() throws SQLException {
        if (markers == null) {
            markers = new MarkerWriter(dataSource, markerTable());
            markers.ensureTable();
        }
        if (answers == null) {
            Topics topics = new Topics(config.topicPrefix());
            Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                    CommonClientConfigs.CLIENT_ID_CONFIG, "cdc-registrar-verify");
            KafkaTopics.ensureExists(kafka, topics.verify(), (short) 1);
            answers = new AnswerFollower(kafka, topics.verify(), this::onAnswer);
        }
    }

    private TableId markerTable() {
        return SnapshotSignals.table(config.verify().markerTable()
                .orElse(config.source().databases().get(0) + ".pipeline_verify"));
    }

    /** Finds the chunks of the table and writes their markers, one transaction each. */
    private void plan(TableCheck check) {
        try {
            var structure = inspector.structure(check.table).orElseThrow(() -> new IllegalArgumentException(
                    "table " + check.table + " does not exist in MySQL"));
            SourceChecksum table = new SourceChecksum(check.table, structure.columns(), structure.primaryKey());
            int rows = Math.max(1, config.verify().chunkRows());
            List<String> lower = null;
            for (int number = 0; ; number++) {
                List<String> upper = table.chunked() ? markers.boundary(table, lower, rows) : null;
                TableCheck.Chunk chunk = check.add(number, lower, upper);
                write(check, table, chunk, 1);
                if (upper == null) {
                    break;
                }
                lower = upper;
            }
            check.planned();
        } catch (SQLException | RuntimeException e) {
            check.fail("checking " + check.table + " in MySQL failed: " + e.getMessage());
            LOG.warnf("Drift check %s of %s failed: %s", check.checkId, check.table, e.getMessage());
        }
        announceIfDone(check);
    }

    private void write(TableCheck check, SourceChecksum table, TableCheck.Chunk chunk, int attempt) throws SQLException {
        MarkerWriter.Written written = markers.write(table, check.checkId, check.table, chunk.number, attempt,
                chunk.lower, chunk.upper);
        check.written(chunk, attempt, written.rows(), Instant.now());
    }

    private void onAnswer(ChunkVerified answer) {
        TableCheck check = checks.get(answer.table());
        if (check == null || !check.checkId.equals(answer.checkId()) || !check.answer(answer)) {
            return;
        }
        if (ChunkVerified.LATE.equals(answer.state())) {
            worker.execute(() -> askAgain(check, answer));
        } else {
            announceIfDone(check);
        }
    }

    /** A sink had written changes made after the chunk's marker: the chunk is checked again, with a new marker. */
    private void askAgain(TableCheck check, ChunkVerified late) {
        TableCheck.Chunk chunk = check.chunk(late.chunk());
        if (chunk.attempt != late.attempt()) {
            return; // already asked again
        }
        if (late.attempt() >= config.verify().maxAttempts()) {
            check.failChunk(chunk, "sink " + late.sink() + " was past the marker " + late.attempt() + " times ("
                    + late.reason() + ")");
        } else {
            try {
                var structure = inspector.structure(check.table).orElseThrow();
                write(check, new SourceChecksum(check.table, structure.columns(), structure.primaryKey()), chunk,
                        late.attempt() + 1);
            } catch (SQLException | RuntimeException e) {
                check.failChunk(chunk, "asking again failed: " + e.getMessage());
            }
        }
        announceIfDone(check);
    }

    private void tick() {
        for (TableCheck check : checks.values()) {
            if (DriftCheck.RUNNING.equals(check.state())) {
                check.expire(Instant.now(), config.verify().answerTimeout());
                announceIfDone(check);
            }
        }
    }

    private void scheduled() {
        if (checks.values().stream().anyMatch(c -> DriftCheck.RUNNING.equals(c.state()))) {
            return;
        }
        try {
            start(List.of());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Scheduled drift check could not start: %s", e.getMessage());
        }
    }

    private void announceIfDone(TableCheck check) {
        if (!DriftCheck.RUNNING.equals(check.state())) {
            DriftCheck result = announce(check);
            if (result != null && result.finishedAt() != null) {
                lastFinished = Instant.parse(result.finishedAt());
            }
        }
    }

    private DriftCheck announce(TableCheck check) {
        DriftCheck result = check.snapshot();
        ControlPublisher publisher = service.publisher();
        if (publisher != null) {
            publisher.publish(EventType.DriftCheck, result.table(), result);
        }
        if (!DriftCheck.RUNNING.equals(result.state())) {
            LOG.infof("Drift check %s of %s: %s (%d rows in %d chunks%s)", result.checkId(), result.table(),
                    result.state(), result.rowsCompared(), result.chunks(),
                    result.differentChunks().isEmpty() ? "" : ", differing chunks " + result.differentChunks());
        }
        return result;
    }

    private List<TableId> capturedTables() throws SQLException {
        String marker = markerTable().toString();
        String signal = ConnectorConfigBuilder.signalTable(config);
        List<TableId> ids = new ArrayList<>();
        for (String database : config.source().databases()) {
            for (String table : inspector.tables(database)) {
                String name = database + "." + table;
                if (!name.equals(marker) && !name.equals(signal)) {
                    ids.add(new TableId(database, table));
                }
            }
        }
        return ids;
    }

    private List<TableId> named(List<String> tables) throws SQLException {
        return inspector.captured(tables, config.source().databases());
    }

    private static double count(Collection<TableCheck> checks, String state) {
        return checks.stream().filter(c -> state.equals(c.state())).count();
    }

    private static double rowsInDifferentChunks(Map<String, TableCheck> checks) {
        return checks.values().stream().flatMap(c -> c.snapshot().differentChunks().stream())
                .mapToLong(DriftCheck.Chunk::sourceRows).sum();
    }
}
