package org.streamingetl.enricher.streams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.EnrichmentDeployed;
import org.streamingetl.common.kafka.KafkaTopics;
import org.streamingetl.common.kafka.RecordLimits;
import org.streamingetl.enricher.definition.EnrichmentPlan;
import org.streamingetl.enricher.engine.EnrichmentEngine;
import org.streamingetl.enricher.format.AvroOutputFormat;
import org.streamingetl.enricher.format.OutputFormat;
import org.streamingetl.enricher.format.RegistryWait;
import org.streamingetl.common.registry.ConnectRecords;
import org.streamingetl.common.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedded engine: one Kafka Streams application per enrichment, exactly-once ({@code exactly_once_v2}), its
 * state under the service's data directory. The application id carries a fingerprint of the plan, so a changed
 * definition starts a fresh application that rebuilds its result from the input topics' beginning.
 */
public final class StreamsEngine implements EnrichmentEngine {

    private static final Logger LOG = Logger.getLogger(StreamsEngine.class);

    private final Map<String, Object> kafka;
    private final Path stateDir;
    private final long maxRowBytes;
    private final ConnectRecords input;
    private final OutputFormat format;
    private final RegistryWait registryWait;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** For the lag of each enrichment, asked every reconcile round: one client for the engine's life. */
    private final Admin admin;

    private record Running(EnrichmentPlan plan, String applicationId, KafkaStreams streams, EnrichmentTopology topology,
                           String[] failure) {
    }

    public StreamsEngine(Map<String, Object> kafka, Path stateDir) {
        this(kafka, stateDir, RecordLimits.DEFAULT_MAX_ROW_BYTES, Optional.empty(), false, Duration.ofMinutes(4));
    }

    /**
     * @param maxRowBytes the largest row the pipeline carries ({@code enricher.max-row-bytes})
     * @param registry    the schema registry Avro records are read and registered with, if any
     * @param avroOutput  write the output in Avro ({@code enricher.format=avro}; needs the registry)
     */
    public StreamsEngine(Map<String, Object> kafka, Path stateDir, long maxRowBytes,
                         Optional<SchemaRegistryClient> registry, boolean avroOutput, Duration registryPatience) {
        this.maxRowBytes = maxRowBytes;
        this.input = new ConnectRecords(registry);
        this.format = avroOutput ? new AvroOutputFormat(registry.orElseThrow()::register) : OutputFormat.JSON;
        this.registryWait = new RegistryWait(registryPatience);
        this.kafka = kafka;
        this.stateDir = stateDir;
        this.admin = Admin.create(kafka);
    }

    @Override
    public String name() {
        return EnrichmentDeployed.STREAMS;
    }

    @Override
    public synchronized void deploy(EnrichmentPlan plan) {
        Running current = running.get(plan.name());
        if (current != null && current.plan().equals(plan) && current.streams().state() != KafkaStreams.State.ERROR) {
            return;
        }
        if (current != null) {
            stop(current, false);
        }
        start(plan);
    }

    @Override
    public synchronized void redeploy(EnrichmentPlan plan) {
        Running current = running.remove(plan.name());
        if (current != null) {
            stop(current, false);
        }
        start(plan);
    }

    @Override
    public synchronized void remove(String name) {
        Running current = running.remove(name);
        if (current != null) {
            stop(current, true);
            LOG.infof("Enrichment %s removed: its Kafka Streams application %s is stopped and its state deleted", name,
                    current.applicationId());
        }
    }

    private void start(EnrichmentPlan plan) {
        for (String topic : plan.inputTopics()) {
            KafkaTopics.ensureTopic(kafka, new NewTopic(topic, 1, (short) 1).configs(RecordLimits.topicSettings(maxRowBytes)));
        }
        KafkaTopics.ensureTopic(kafka, new NewTopic(plan.outputTopic(), 1, (short) 1)
                .configs(RecordLimits.topicSettings(maxRowBytes)));
        String applicationId = "enricher-" + plan.name() + "-" + fingerprint(plan);
        Properties props = new Properties();
        props.putAll(kafka);
        props.remove(org.apache.kafka.clients.CommonClientConfigs.CLIENT_ID_CONFIG);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Big rows: the producer, and the changelog/repartition topics Streams creates, accept the largest record.
        RecordLimits.producerSettings(maxRowBytes).forEach((k, v) -> props.put(StreamsConfig.producerPrefix(k), v));
        RecordLimits.topicSettings(maxRowBytes).forEach((k, v) -> props.put(StreamsConfig.topicPrefix(k), v));
        EnrichmentTopology topology = new EnrichmentTopology(plan, input, format, registryWait);
        KafkaStreams streams = new KafkaStreams(topology.build(), props);
        String[] failure = new String[1];
        streams.setUncaughtExceptionHandler(e -> {
            failure[0] = e.getMessage();
            LOG.errorf(e, "Enrichment %s failed; it stays FAILED until redeployed (POST /enrichments/%s/redeploy)",
                    plan.name(), plan.name());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.infof("Enrichment %s: %s → %s", plan.name(), before, now));
        streams.start();
        running.put(plan.name(), new Running(plan, applicationId, streams, topology, failure));
        LOG.infof("Enrichment %s deployed on Kafka Streams (application %s): %s → %s", plan.name(), applicationId,
                plan.inputTopics(), plan.outputTopic());
    }

    private void stop(Running r, boolean cleanUp) {
        r.streams().close(java.time.Duration.ofSeconds(30));
        if (cleanUp) {
            r.streams().cleanUp();
        }
    }

    @Override
    public Map<String, EnrichmentState> states() {
        Map<String, EnrichmentState> states = new LinkedHashMap<>();
        running.forEach((name, r) -> {
            KafkaStreams.State s = r.streams().state();
            String state = switch (s) {
                case RUNNING -> "RUNNING";
                case CREATED, REBALANCING -> "STARTING";
                case ERROR, PENDING_ERROR -> "FAILED";
                default -> s.name();
            };
            String reason = state.equals("RUNNING") ? null
                    : state.equals("FAILED") ? String.valueOf(r.failure()[0]) : "Kafka Streams is " + s;
            states.put(name, new EnrichmentState(state, reason, lag(r)));
        });
        return states;
    }

    /** Records of the input topics the application has not processed yet. */
    private long lag(Running r) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(r.applicationId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (TopicPartition tp : committed.keySet()) {
                if (r.plan().inputTopics().contains(tp.topic())) {
                    latest.put(tp, OffsetSpec.latest());
                }
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(e.getKey());
                lag += Math.max(0, e.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public synchronized void close() {
        List<Running> all = new ArrayList<>(running.values());
        running.clear();
        all.forEach(r -> stop(r, false));
        admin.close(java.time.Duration.ofSeconds(5));
    }

    private static String fingerprint(EnrichmentPlan plan) {
        return String.format("%08x", (plan.definition().toString() + plan.columns() + plan.inputTopics()).hashCode());
    }
}
