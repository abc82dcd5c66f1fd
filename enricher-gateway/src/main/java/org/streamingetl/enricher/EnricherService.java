package org.streamingetl.enricher;

import org.streamingetl.common.health.PeriodicTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.common.kafka.ControlReader;
import org.streamingetl.common.kafka.KafkaTopics;
import org.streamingetl.common.retry.Retry;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.enricher.config.EnricherConfig;
import org.streamingetl.enricher.control.PipelineView;
import org.streamingetl.enricher.definition.DefinitionFile;
import org.streamingetl.enricher.definition.DefinitionValidator;
import org.streamingetl.common.config.ConfigCheck;
import org.streamingetl.common.health.ThreadFailures;
import org.streamingetl.enricher.config.EnricherConfigCheck;
import org.streamingetl.enricher.engine.EnrichmentEngine;
import org.streamingetl.enricher.engine.Reconciler;
import org.streamingetl.enricher.ksqldb.KsqlClient;
import org.streamingetl.enricher.ksqldb.KsqlEngine;
import org.streamingetl.enricher.streams.StreamsEngine;
import org.streamingetl.common.registry.SchemaRegistryClient;

/**
 * Start-up of enricher-gateway: follows the control topic, picks the engine, and then keeps the enrichments of the
 * definition file deployed (a reconcile round every {@code enricher.reconcile-interval}).
 */
@ApplicationScoped
public class EnricherService {

    private static final Logger LOG = Logger.getLogger(EnricherService.class);
    static final String SERVICE = "enricher-gateway";

    @Inject
    EnricherConfig config;
    @Inject
    PipelineView view;
    @Inject
    org.streamingetl.enricher.metrics.EnricherMetrics metrics;

    private volatile ControlReader reader;
    private volatile ControlPublisher publisher;
    private volatile EnrichmentEngine engine;
    private volatile Reconciler reconciler;
    private volatile String problem = "starting";
    private final ThreadFailures threads = new ThreadFailures();
    private volatile boolean stopping;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enricher-reconciler");
        t.setDaemon(true);
        return t;
    });

    void onStart(@Observes StartupEvent event) {
        ConfigCheck.enforce(EnricherConfigCheck.problems(config));
        Thread starter = threads.watch(new Thread(this::start, "enricher-starter"));
        starter.setDaemon(true);
        starter.start();
    }

    /** Why the service is not live (a background thread died), or empty. */
    public java.util.Optional<String> notLive() {
        return threads.first();
    }

    private void start() {
        Topics topics = new Topics(config.topicPrefix());
        Map<String, Object> kafka = new HashMap<>();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        kafka.put(CommonClientConfigs.CLIENT_ID_CONFIG, SERVICE);
        if (!new Retry(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> stopping).untilSuccess(
                "creating control topic " + topics.control() + " in Kafka at " + config.kafkaBootstrapServers(),
                () -> KafkaTopics.ensureExists(kafka, topics.control(), (short) 1), (message, e) -> problem = message)) {
            return;
        }
        ControlCodec codec = new ControlCodec(SERVICE);
        reader = new ControlReader(kafka, topics.control(), codec, view, "enricher-control-reader").watchedBy(threads);
        reader.start();
        publisher = new ControlPublisher(kafka, topics.control(), codec);
        engine = chooseEngine(kafka);
        reconciler = new Reconciler(engine, new DefinitionValidator(view::table, config.topicPrefix()), publisher);
        problem = null;
        LOG.infof("Following control topic %s; enrichments from %s on the %s engine", topics.control(),
                config.definitionsFile().orElse("(no definition file: none)"), engine.name());
        timer.scheduleWithFixedDelay(PeriodicTask.guarded("Reconciling the enrichments", this::reconcile),
                0, config.reconcileInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private EnrichmentEngine chooseEngine(Map<String, Object> kafka) {
        String choice = config.engine().toLowerCase();
        boolean ksql = choice.equals("ksqldb") || (choice.equals("auto") && config.ksqldb().url().isPresent());
        if (ksql) {
            String url = config.ksqldb().url().orElseThrow(() -> new IllegalStateException(
                    "enricher.engine=ksqldb needs enricher.ksqldb.url (KSQLDB_URL)"));
            return new KsqlEngine(new KsqlClient(url, config.ksqldb().commandTimeout()), "avro".equals(config.format())
                    ? org.streamingetl.enricher.ksqldb.KsqlStatements.Format.AVRO
                    : org.streamingetl.enricher.ksqldb.KsqlStatements.Format.JSON);
        }
        return new StreamsEngine(kafka, Path.of(config.streams().stateDir()).toAbsolutePath(), config.maxRowBytes(),
                config.schemaRegistryUrl().filter(url -> !url.isBlank())
                        .map(url -> new SchemaRegistryClient(url, java.time.Duration.ofSeconds(10))),
                "avro".equals(config.format()), config.schemaRegistryPatience());
    }

    private void reconcile() {
        if (stopping || !reader.isCaughtUp()) {
            return;
        }
        try {
            reconciler.reconcile(readDefinitions());
            metrics.update(reconciler.statuses().values());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reconciling the enrichments failed; trying again in %s", config.reconcileInterval());
        }
    }

    private DefinitionFile.Result readDefinitions() {
        if (config.definitionsFile().isEmpty()) {
            return new DefinitionFile.Result(List.of(), List.of());
        }
        Path file = Path.of(config.definitionsFile().get());
        try {
            return DefinitionFile.parse(Files.readString(file));
        } catch (IOException e) {
            return new DefinitionFile.Result(List.of(), List.of("cannot read the definition file " + file + ": " + e));
        }
    }

    /** Null when the gateway follows the control topic and its engine answers, else why not. */
    public String problem() {
        if (problem != null) {
            return problem;
        }
        if (!reader.isCaughtUp()) {
            return "reading the control topic";
        }
        return engine.problem();
    }

    /** The reconciler, once started; null before. */
    public Reconciler reconciler() {
        return reconciler;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        timer.shutdownNow();
        if (engine != null) {
            engine.close();
        }
        if (reader != null) {
            try {
                reader.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (publisher != null) {
            publisher.close();
        }
    }
}
