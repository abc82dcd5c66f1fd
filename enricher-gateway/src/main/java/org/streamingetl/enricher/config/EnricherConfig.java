package org.streamingetl.enricher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of enricher-gateway. Every property can be set in application.properties or as an environment
 * variable ({@code enricher.topic-prefix} → {@code ENRICHER_TOPIC_PREFIX}).
 */
@ConfigMapping(prefix = "enricher")
public interface EnricherConfig {

    /** Debezium's topic prefix; the control topic is {@code <prefix>.control}, outputs {@code <prefix>.enriched.<name>}. */
    @WithDefault("streaming_etl")
    String topicPrefix();

    /** Kafka bootstrap servers. */
    @WithDefault("127.0.0.1:9092")
    String kafkaBootstrapServers();

    /** The enrichment definition file (YAML, see docs/enrichments.md); none: the gateway runs no enrichment. */
    Optional<String> definitionsFile();

    /** {@code streams} (embedded Kafka Streams), {@code ksqldb}, or {@code auto}: ksqldb when a ksqlDB URL is set. */
    @WithDefault("auto")
    String engine();

    /** How often definitions, announced tables and the engine's state are compared and brought in line. */
    @WithDefault("5s")
    Duration reconcileInterval();

    /**
     * The largest row the pipeline carries, in bytes (environment {@code PIPELINE_MAX_ROW_BYTES}, the source's
     * {@code max_allowed_packet}): the Kafka Streams producer and the topics it creates accept the largest record
     * such a row makes (README, "Big rows").
     */
    @WithDefault("67108864")
    long maxRowBytes();

    /**
     * The format of the Kafka Streams engine's output records (environment {@code PIPELINE_FORMAT}): {@code avro},
     * the default (Avro in the Confluent wire format, schemas registered in {@link #schemaRegistryUrl}), or
     * {@code json} (JsonConverter's form with schemas). Input records are read in either format, told apart by their
     * first byte. The ksqldb engine's statements read the change events in this format and write their output in it
     * (ksqlDB's server must then use the same registry, {@code ksql.schema.registry.url}).
     */
    @WithDefault("avro")
    String format();

    /**
     * The schema registry's Confluent-compatible API ({@code SCHEMA_REGISTRY_URL}, e.g.
     * {@code http://127.0.0.1:8081/apis/ccompat/v7}): Avro change events are read, and Avro output registered, with
     * it. Required for {@code avro}.
     */
    Optional<String> schemaRegistryUrl();

    /** How long a record waits for a schema registry that does not answer before the enrichment stops FAILED. */
    @WithDefault("4m")
    Duration schemaRegistryPatience();

    Streams streams();

    Ksqldb ksqldb();

    /** The status page ({@code /status/}) and its JSON ({@code GET /pipeline/status}). */
    Status status();

    interface Streams {
        /** Where Kafka Streams keeps its state stores. */
        @WithDefault("target/streams-state")
        String stateDir();
    }

    interface Ksqldb {
        /** ksqlDB's REST endpoint, e.g. http://ksqldb:8088. */
        Optional<String> url();

        /** How long a statement's command may take to finish. */
        @WithDefault("60s")
        Duration commandTimeout();
    }

    interface Status {
        /**
         * Base URLs of the clickhouse-sink instances whose Prometheus metrics ({@code <url>/q/metrics}) the page's
         * latency plot reads, separated by commas or spaces (environment {@code CLICKHOUSE_SINK_URLS}, which
         * deploy.sh publishes; Compose: {@code http://clickhouse-sink:8080}); {@code none}: no plot. Everything
         * else on the page comes from the control topic.
         */
        @WithDefault("http://127.0.0.1:8093")
        String sinkUrls();

        /** How often the sinks' latency histograms are read: one point of the plot per read. */
        @WithDefault("5s")
        Duration latencyInterval();

        /** How far back the latency plot goes (points older than this are dropped). */
        @WithDefault("10m")
        Duration latencyWindow();

        /** How often the open page reloads its data. */
        @WithDefault("3s")
        Duration pageRefresh();
    }
}
