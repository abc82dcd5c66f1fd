package org.streamingetl.sink;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.jboss.logging.Logger;
import java.util.Optional;
import org.streamingetl.common.config.ConfigCheck;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.health.ThreadFailures;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.common.kafka.ControlListener;
import org.streamingetl.common.kafka.ControlReader;
import org.streamingetl.common.kafka.KafkaTopics;
import org.streamingetl.common.retry.Retry;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.sink.clickhouse.ClickHouseGateway;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.clickhouse.ReplicaRepair;
import org.streamingetl.sink.clickhouse.TableManager;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.config.SinkConfigCheck;
import org.streamingetl.sink.config.TopicSelection;
import org.streamingetl.sink.control.ResyncRegistry;
import org.streamingetl.sink.control.Subscription;
import org.streamingetl.sink.control.TableRegistry;
import org.streamingetl.sink.mapping.DdlBuilder;
import org.streamingetl.sink.mapping.TableOptionsResolver;
import org.streamingetl.sink.mapping.ServerCapabilities;
import org.streamingetl.sink.mapping.TypeMapper;
import org.streamingetl.sink.pipeline.DeadLetterQueue;
import org.streamingetl.sink.pipeline.ChunkChecks;
import org.streamingetl.sink.pipeline.Inserter;
import org.streamingetl.sink.pipeline.SinkLoop;
import org.streamingetl.sink.verify.VerifyAnswers;
import org.streamingetl.sink.status.AuditRunner;
import org.streamingetl.sink.status.SinkMetrics;
import org.streamingetl.sink.status.StatusAnnouncer;
import org.streamingetl.sink.status.ClickHouseProbe;
import org.streamingetl.sink.status.StatusBoard;
import org.streamingetl.sink.status.TableAudit;

/**
 * Starts and stops the sink: follows the control topic, waits (with backoff) until ClickHouse answers, detects its
 * version, then runs the {@link SinkLoop} on a thread of its own. Start-up never fails because a dependency is
 * down; readiness says what is missing.
 */
@ApplicationScoped
public class SinkService {

    private static final Logger LOG = Logger.getLogger(SinkService.class);
    static final String SERVICE = "clickhouse-sink";

    @Inject
    SinkConfig config;
    @Inject
    StatusBoard board;
    @Inject
    SinkMetrics metrics;

    private final ThreadFailures threads = new ThreadFailures();
    private volatile boolean stopping;
    private Thread starter;
    private Thread loopThread;
    private volatile SinkLoop loop;
    private ControlReader controlReader;
    private ControlPublisher controlPublisher;
    private StatusAnnouncer announcer;
    private AuditRunner auditor;
    private ClickHouseProbe probe;
    private DeadLetterQueue deadLetters;
    private ClickHouseGateway gateway;
    private volatile ServerCapabilities capabilities;

    void onStart(@Observes StartupEvent event) {
        ConfigCheck.enforce(SinkConfigCheck.problems(config));
        starter = threads.watch(new Thread(this::start, "sink-starter"));
        starter.setDaemon(true);
        starter.start();
    }

    /** The running loop, or null before start-up finished. */
    public SinkLoop loop() {
        return loop;
    }

    public ServerCapabilities capabilities() {
        return capabilities;
    }

    /**
     * Why the sink is not live: a background thread died (the starter, the loop), or the loop ended while the sink
     * is not stopping; empty while it is live.
     */
    public Optional<String> notLive() {
        if (stopping) {
            return Optional.empty();
        }
        Optional<String> failure = threads.first();
        if (failure.isPresent()) {
            return failure;
        }
        if (loopThread != null && !loopThread.isAlive()) {
            return Optional.of("the sink loop (thread sink-loop) ended; restart the sink");
        }
        return Optional.empty();
    }

    private void start() {
        Topics topics = new Topics(config.topicPrefix());
        Map<String, Object> kafka = kafkaProperties();
        ControlCodec codec = new ControlCodec(SERVICE);
        retry("creating control topic " + topics.control() + " and dead-letter topic " + topics.deadLetter()
                + " in Kafka at " + config.kafka().bootstrapServers(), () -> {
                    // One admin client for both: every restart pays for it before it consumes.
                    KafkaTopics.ensureTopics(kafka, List.of(KafkaTopics.controlTopic(topics.control(), (short) 1),
                            new org.apache.kafka.clients.admin.NewTopic(topics.deadLetter(), java.util.Optional.empty(),
                                    java.util.Optional.empty()).configs(
                                    org.streamingetl.common.kafka.RecordLimits.topicSettings(config.maxRowBytes()))));
                }, board::kafkaProblem);
        if (stopping) {
            return;
        }
        TableRegistry registry = new TableRegistry(codec, topics);
        ResyncRegistry resyncs = new ResyncRegistry(codec);
        TopicSelection selection = selection(topics);
        controlReader = new ControlReader(kafka, topics.control(), codec, ControlListener.all(registry, resyncs),
                "sink-control-reader").watchedBy(threads);
        controlReader.start();
        controlPublisher = new ControlPublisher(kafka, topics.control(), codec);
        announcer = new StatusAnnouncer(board, controlPublisher, config.kafka().groupId());
        announcer.start(5);

        gateway = new ClickHouseGateway(config.clickhouse().urls(), config.clickhouse().user(),
                config.clickhouse().password().orElse(""), config.clickhouse().connectTimeout(),
                config.clickhouse().socketTimeout());
        retry("connecting to ClickHouse at " + config.clickhouse().url(), () -> {
            capabilities = ServerCapabilities.forVersion(gateway.serverVersion());
        }, board::clickHouseProblem);
        if (stopping) {
            return;
        }
        board.clickHouseOk();
        probe = new ClickHouseProbe(gateway, board,
                config.clickhouse().cluster().isPresent() ? new ReplicaRepair(gateway) : null);
        probe.start(Duration.ofSeconds(5));
        LOG.infof("ClickHouse %s at %s: %s type mapping", capabilities.version(), gateway.url(),
                capabilities.modern() ? "modern" : "legacy (pre-23.8 fallbacks, see docs/type-mapping.md)");
        config.clickhouse().cluster().ifPresent(cluster -> LOG.infof("ClickHouse cluster %s: Replicated tables, DDL ON "
                + "CLUSTER; writing to the first replica that answers of %s", cluster, gateway.urls()));

        TableManager tables = new TableManager(gateway, new TypeMapper(capabilities,
                config.mapping().temporal() == SinkConfig.Mapping.Temporal.text),
                new DdlBuilder(capabilities, config.clickhouse().cluster()), config.clickhouse().databaseMap(),
                new TableOptionsResolver(config.tableOptions()), config.clickhouse().clusterDdlTimeout());
        deadLetters = new DeadLetterQueue(kafka, topics.deadLetter(), config.maxRowBytes());
        // Drops and truncates act on what the control topic says: read all of it before the first record.
        while (!stopping && !awaitControlTopic()) {
            LOG.infof("Still reading control topic %s; the sink starts when it has caught up", topics.control());
        }
        loop = new SinkLoop(config, new KafkaConsumer<>(consumerProperties(kafka), new ByteBufferDeserializer(),
                new ByteBufferDeserializer()), new Subscription(selection, registry), registry, resyncs,
                new Inserter(gateway::insert), tables, deadLetters, board, metrics,
                new ChunkChecks(config.kafka().groupId(), config.verify().markerTable(), config.verify().settle(),
                        topics, registry, gateway, tables, new VerifyAnswers(config.kafka().bootstrapServers(),
                                topics.verify())));
        auditor = new AuditRunner(new TableAudit(selection, db -> config.clickhouse().databaseMap().getOrDefault(db, db)),
                registry, board, kafka, config.kafka().groupId(), config.audit().grace());
        auditor.start(config.audit().interval());
        loopThread = threads.watch(new Thread(loop, "sink-loop"));
        loopThread.start();
        LOG.infof("Sink running: topics %s* → ClickHouse %s, batches of up to %d rows / %s",
                topics.prefix() + ".", config.clickhouse().url(), config.batch().maxRows(), config.batch().maxWait());
    }

    private TopicSelection selection(Topics topics) {
        TopicSelection selection = new TopicSelection(topics.prefix(), config.tables().include().orElse(List.of()),
                config.tables().exclude().orElse(List.of()));
        if (config.tables().include().isPresent() || config.tables().exclude().isPresent()) {
            LOG.infof("Writing only the tables selected by sink.tables.include=%s, sink.tables.exclude=%s",
                    config.tables().include().orElse(List.of()), config.tables().exclude().orElse(List.of()));
        }
        return selection;
    }

    private boolean awaitControlTopic() {
        try {
            return controlReader.awaitCaughtUp(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Runs {@code action} until it succeeds; each failure is reported to {@code problem} (readiness). */
    private void retry(String what, Runnable action, java.util.function.Consumer<String> problem) {
        new Retry(config.retry().initialBackoff(), config.retry().maxBackoff(), () -> stopping)
                .untilSuccess(what, action, (message, e) -> {
                    problem.accept(message);
                    if (e instanceof ClickHouseRequestException ch && !ch.retriable()) {
                        LOG.errorf("%s. This will not pass by waiting: fix the configuration and restart the sink", message);
                    }
                });
    }

    private Map<String, Object> kafkaProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, SERVICE);
        return props;
    }

    private Map<String, Object> consumerProperties(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.kafka().maxPollRecords());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.kafka().maxPartitionFetchBytes());
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, config.kafka().fetchMaxBytes());
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) config.kafka().topicDiscoveryInterval().toMillis());
        int session = (int) config.kafka().sessionTimeout().toMillis();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 4));
        config.kafka().instanceId().filter(id -> !id.isBlank())
                .ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return props;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (loop != null) {
            loop.stop();
            try {
                loopThread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(auditor);
        closeQuietly(probe);
        if (announcer != null) {
            announcer.announceChangesNow();
            announcer.close();
        }
        closeQuietly(controlPublisher);
        closeQuietly(deadLetters);
        closeQuietly(gateway);
        if (controlReader != null) {
            try {
                controlReader.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("closing %s: %s", closeable, e.getMessage());
            }
        }
    }
}
