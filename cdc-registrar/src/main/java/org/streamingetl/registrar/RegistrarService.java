package org.streamingetl.registrar;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.SourceRegistered;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.common.kafka.KafkaTopics;
import org.streamingetl.common.kafka.RecordLimits;
import org.streamingetl.common.retry.Retry;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.registrar.config.RegistrarConfig;
import org.streamingetl.common.registry.SchemaRegistryClient;
import org.streamingetl.registrar.connect.ConnectClient;
import org.streamingetl.common.registry.ConnectRecords;
import org.streamingetl.registrar.connector.ConnectorConfigBuilder;
import org.streamingetl.registrar.connector.ConnectorRegistrar;
import org.streamingetl.registrar.connector.Flavor;
import org.streamingetl.registrar.connector.TopicLimits;
import org.streamingetl.registrar.schema.SchemaChangeFollower;
import org.streamingetl.registrar.schema.TableAnnouncer;
import org.streamingetl.registrar.control.LastAnnouncements;
import org.streamingetl.registrar.snapshot.NotificationFollower;
import org.streamingetl.registrar.snapshot.SnapshotSignals;
import org.streamingetl.registrar.snapshot.TableResyncs;
import org.streamingetl.registrar.snapshot.TopicEnds;
import org.streamingetl.registrar.snapshot.SnapshotProgress;
import org.streamingetl.common.config.ConfigCheck;
import org.streamingetl.common.health.ThreadFailures;
import org.streamingetl.registrar.config.RegistrarConfigCheck;
import org.streamingetl.registrar.source.SourceInspector;
import org.streamingetl.registrar.source.SourceReadiness;
import org.streamingetl.registrar.supervision.BinlogLocator;
import org.streamingetl.registrar.supervision.ConnectorSupervisor;
import org.streamingetl.registrar.supervision.OversizedRecordDiagnosis;
import org.streamingetl.registrar.supervision.SourceState;

/**
 * Start-up of cdc-registrar, on a thread of its own so the service is live (and says why it is not ready) while
 * its dependencies come up: detect the source flavor, register the connector idempotently, announce the source
 * and its tables, follow DDL; then supervise the connector on a schedule.
 */
@ApplicationScoped
public class RegistrarService {

    private static final Logger LOG = Logger.getLogger(RegistrarService.class);
    static final String SERVICE = "cdc-registrar";

    @Inject
    RegistrarConfig config;
    @Inject
    SourceInspector inspector;
    @Inject
    SourceState state;
    @Inject
    AgroalDataSource dataSource;

    private final ThreadFailures threads = new ThreadFailures();
    private volatile boolean stopping;
    private volatile ConnectorSupervisor supervisor;
    private ControlPublisher publisher;
    private SchemaChangeFollower follower;
    private NotificationFollower notifications;
    private final SnapshotProgress snapshots = new SnapshotProgress();
    private TopicEnds topicEnds;
    private volatile TableResyncs resyncs;
    private ConnectClient connect;
    private Map<String, String> desired;
    private OversizedRecordDiagnosis oversized;

    void onStart(@Observes StartupEvent event) {
        ConfigCheck.enforce(RegistrarConfigCheck.problems(config));
        Thread starter = threads.watch(new Thread(this::start, "registrar-starter"));
        starter.setDaemon(true);
        starter.start();
    }

    /** Why the service is not live (a background thread died), or empty. */
    public Optional<String> notLive() {
        return threads.first();
    }

    private void start() {
        SourceReadiness readiness = new SourceReadiness(inspector);
        Topics topics = new Topics(config.topicPrefix());
        Map<String, Object> kafka = new HashMap<>();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        kafka.put(CommonClientConfigs.CLIENT_ID_CONFIG, SERVICE);
        connect = new ConnectClient(config.connect().url(), config.connect().requestTimeout(), config.connect().attempts(),
                config.connect().initialBackoff());
        String name = config.connector().name();

        retry("creating control topic " + topics.control() + " in Kafka at " + config.kafkaBootstrapServers(),
                () -> KafkaTopics.ensureExists(kafka, topics.control(), (short) 1));
        publisher = new ControlPublisher(kafka, topics.control(), new ControlCodec(SERVICE));

        Flavor[] flavor = new Flavor[1];
        retry("connecting to the source database at " + config.source().host() + ":" + config.source().port()
                + " as " + config.source().user(), () -> flavor[0] = readiness.flavor(config.connector().flavor()));
        state.flavor(flavor[0].name());
        retry("checking that the source database is set up for CDC", () -> readiness.preflight(config.source().user()));
        desired = ConnectorConfigBuilder.build(config, flavor[0]);
        oversized = new OversizedRecordDiagnosis(OversizedRecordDiagnosis.fromBinlog(() -> connect.offsets(name),
                new BinlogLocator(dataSource)));

        // Before the config: a connector resuming at a big row must find its topic already accepting it.
        long maxRecord = RecordLimits.maxRecordBytes(config.connector().maxRowBytes());
        retry("raising max.message.bytes of the connector's topics to " + maxRecord,
                () -> TopicLimits.raise(kafka, config.topicPrefix(), config.source().databases(), maxRecord));
        retry("registering connector " + name + " in Kafka Connect at " + config.connect().url(), this::register);
        // Supervised from here on: a connector resumed by Connect may already have FAILED (e.g. its first record met
        // a schema registry that was still starting); waiting for RUNNING alone would wait for ever.
        supervisor = new ConnectorSupervisor(connect, name, publisher, state, this::register, 5, Duration.ofMinutes(10),
                Clock.systemUTC(), snapshots::describe, oversized);
        retry("waiting for connector " + name + " to run", this::awaitRunning);

        publisher.publish(EventType.SourceRegistered, name, new SourceRegistered(name, flavor[0].name(),
                desired.get("connector.class"), config.topicPrefix(), config.source().databases()));
        topicEnds = new TopicEnds(kafka);
        TableAnnouncer announcer = new TableAnnouncer(inspector, publisher, topics,
                topic -> topicEnds.of(topic).values().stream().anyMatch(end -> end > 0));
        LastAnnouncements[] last = new LastAnnouncements[1];
        retry("reading the last announcements from " + topics.control(),
                () -> last[0] = LastAnnouncements.read(kafka, topics.control(), new ControlCodec(SERVICE)));
        announcer.seed(last[0].tables());
        Map<TableId, String> resendAtStart = new LinkedHashMap<>();
        retry("announcing the captured tables", () -> resendAtStart.putAll(sql(() -> announcer.announceAll(config.source().databases()))));
        resyncs = new TableResyncs(new SnapshotSignals(dataSource,
                SnapshotSignals.table(ConnectorConfigBuilder.signalTable(config))), topicEnds, publisher,
                table -> topics.data(table.database(), table.table()), config.connector().resyncSettle());
        ConnectRecords connectRecords = new ConnectRecords(config.schemaRegistryUrl().filter(u -> !u.isBlank())
                .map(url -> new SchemaRegistryClient(url, Duration.ofSeconds(10))));
        notifications = new NotificationFollower(kafka, config.topicPrefix() + ".notifications",
                List.of(snapshots::apply, resyncs::onNotification), connectRecords);
        notifications.start(threads);
        retry("requesting the re-sends still open", () -> sql(() -> {
            resyncs.reopen(last[0].resyncs().values());
            return null;
        }));
        resendAtStart.forEach((table, reason) -> retry("re-sending " + table + " (" + reason + ")",
                () -> sql(() -> {
                    resyncs.request(List.of(table), reason);
                    return null;
                })));
        follower = new SchemaChangeFollower(kafka, SERVICE + "-schema-changes", topics.schemaChanges(), announcer,
                resyncs::request, Set.copyOf(config.source().databases()), connectRecords);
        follower.start(threads);
        supervisor.check();
        LOG.infof("Source %s (%s) is captured by connector %s; supervising it every %s", config.source().databases(),
                flavor[0], name, config.connector().superviseInterval());
    }

    private void register() {
        new ConnectorRegistrar(connect).register(config.connector().name(), desired);
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + config.connector().startTimeout().toNanos();
        while (System.nanoTime() < deadline && !stopping) {
            if (connect.status(config.connector().name()).isEmpty()) {
                state.problem("connector is being created");
            } else if (supervisor.check().message() == null) { // restarts a FAILED connector or task, with backoff
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("connector did not reach RUNNING within " + config.connector().startTimeout()
                + ": " + state.problem() + ". See the Kafka Connect log");
    }

    /** A database call in a start-up step: its {@link SQLException} fails the step, which is retried. */
    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    @Scheduled(every = "${registrar.connector.supervise-interval:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void supervise() {
        ConnectorSupervisor current = supervisor;
        if (current == null || stopping) {
            return;
        }
        try {
            current.check();
        } catch (RuntimeException e) {
            state.problem("cannot check connector " + config.connector().name() + ": " + e.getMessage());
            LOG.warn(state.problem());
        }
    }

    /** Restart requested by an operator: clears the restart budget and restarts the connector and its tasks. */
    public void restart() {
        if (supervisor != null) {
            supervisor.resetRestarts();
        }
        connect().restartAll(config.connector().name());
    }

    /** The Kafka Connect client, once start-up created it. */
    public ConnectClient connect() {
        if (connect == null) {
            throw new IllegalStateException("cdc-registrar is still starting; try again in a few seconds");
        }
        return connect;
    }

    public String connectorName() {
        return config.connector().name();
    }

    /** The control topic's publisher, once start-up created it (else null). */
    public ControlPublisher publisher() {
        return publisher;
    }

    /** The re-sends of tables, once start-up created them (else null). */
    public TableResyncs resyncs() {
        return resyncs;
    }

    public SnapshotProgress snapshots() {
        return snapshots;
    }

    /** Tables being re-sent after a DDL statement changed their rows without row events, with that statement. */
    public Map<String, String> pendingResyncs() {
        TableResyncs current = resyncs;
        return current == null ? Map.of() : current.pending();
    }

    private void retry(String what, Runnable action) {
        new Retry(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> stopping)
                .untilSuccess(what, action, (message, e) -> state.problem(message));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        for (AutoCloseable c : new AutoCloseable[] {follower, notifications}) {
            if (c != null) {
                try {
                    c.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    LOG.debugf("closing %s: %s", c, e.getMessage());
                }
            }
        }
        if (publisher != null) {
            publisher.close();
        }
        if (topicEnds != null) {
            topicEnds.close();
        }
    }
}
