package org.streamingetl.registrar.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of cdc-registrar. Every property can be set in application.properties or as an environment variable
 * ({@code registrar.connector.name} → {@code REGISTRAR_CONNECTOR_NAME}).
 */
@ConfigMapping(prefix = "registrar")
public interface RegistrarConfig {

    /** Debezium's {@code topic.prefix}: data topics are {@code <prefix>.<db>.<table>}. */
    @WithDefault("streaming_etl")
    String topicPrefix();

    /** Kafka bootstrap servers, for the control topic and Debezium's schema history. */
    @WithDefault("127.0.0.1:9092")
    String kafkaBootstrapServers();

    Connect connect();

    /**
     * The schema registry's Confluent-compatible API (environment {@code SCHEMA_REGISTRY_URL}, Apicurio:
     * {@code .../apis/ccompat/v7}): with format {@code avro}, the schema-change and notification topics the registrar
     * follows are Avro too, and their schemas are read from here (once per schema id).
     */
    Optional<String> schemaRegistryUrl();

    Api api();

    Connector connector();

    Source source();

    Verify verify();

    /** The drift check ({@code POST /source/verify}; README, "Drift check"). */
    interface Verify {
        /** Rows per chunk: each chunk is read under shared locks in MySQL, so this bounds the lock time and memory. */
        @WithDefault("1000")
        int chunkRows();

        /**
         * The marker table ({@code db.table}) whose rows carry each chunk's MySQL count and checksum through the
         * binlog; default {@code <first source database>.pipeline_verify}. Created when missing (or create it and
         * grant INSERT on it to the Debezium user).
         */
        Optional<String> markerTable();

        /**
         * The consumer groups of the sinks whose answers a check waits for (each writes its own ClickHouse);
         * default the sink's default group.
         */
        @WithDefault("clickhouse-sink")
        List<String> sinks();

        /** How long a chunk waits for a sink's answer before it counts as FAILED. */
        @WithDefault("2m")
        Duration answerTimeout();

        /** How often a chunk is asked again when a sink answers that it had already written later changes. */
        @WithDefault("5")
        int maxAttempts();

        /** Check every captured table this often; off when unset (the default). */
        Optional<Duration> every();
    }

    interface Api {
        /**
         * Bearer token the mutating REST calls (restart, pause, resume, snapshot) require in their
         * {@code Authorization} header. Unset: those calls are refused (401), the read-only ones still answer.
         */
        Optional<String> token();
    }

    interface Connect {
        /** Kafka Connect REST URL. */
        @WithDefault("http://127.0.0.1:8083")
        String url();

        /** Timeout of each REST request. */
        @WithDefault("15s")
        Duration requestTimeout();

        /** How many times a request answered 409 (rebalance) or 5xx is tried. */
        @WithDefault("6")
        int attempts();

        /** First wait between attempts; doubles each time. */
        @WithDefault("500ms")
        Duration initialBackoff();
    }

    interface Connector {
        /** Connector name in Kafka Connect. */
        @WithDefault("streaming_ETL_pipeline_MySQL-connector")
        String name();

        /** {@code auto} (from the server's version string), {@code mysql} or {@code mariadb}. */
        @WithDefault("auto")
        String flavor();

        /** Overrides the connector class chosen for the flavor. */
        Optional<String> connectorClass();

        /** Debezium's {@code database.server.id}: unique among the source's replicas. */
        @WithDefault("184054")
        long serverId();

        /** Debezium's {@code snapshot.mode}. */
        @WithDefault("initial")
        String snapshotMode();

        /** Comma-separated {@code db.table} regexes to capture; empty captures every table of the databases. */
        Optional<String> tableIncludeList();

        /** Comma-separated {@code db.table} regexes never to capture. */
        Optional<String> tableExcludeList();

        /**
         * Debezium's signalling table ({@code signal.data.collection}, {@code db.table}) through which re-snapshots
         * are requested; default {@code <first source database>.debezium_signal}. The Debezium user needs INSERT,
         * UPDATE and DELETE on it (platform/stack.sh creates it with those grants).
         */
        Optional<String> signalTable();

        /** Any other Debezium or Connect property, passed through as is (e.g. {@code registrar.connector.extra."poll.interval.ms"=50}). */
        Map<String, String> extra();

        /**
         * The largest row the pipeline carries, in bytes: set it to the source's {@code max_allowed_packet}
         * (environment {@code PIPELINE_MAX_ROW_BYTES}, which the local stack and Compose also apply to MariaDB and
         * the Kafka broker). The connector's producer ({@code max.request.size}, {@code buffer.memory}) and the
         * topics it creates ({@code max.message.bytes}) then accept the largest record such a row makes: 8/3 of it
         * plus 1 MiB (an UPDATE carries the row twice, BYTES columns are base64 in JSON), see
         * {@code common}'s {@code RecordLimits}. A bigger row stops the connector with the table, the size and this
         * setting on readiness and {@code GET /source/status}.
         */
        @WithDefault("67108864")
        long maxRowBytes();

        /**
         * How Kafka Connect writes the change events (environment {@code PIPELINE_FORMAT}): {@code avro}, the default
         * (Apicurio's AvroConverter:
         * schemas registered in the schema registry at {@link #converterRegistryUrl()}, records in the Confluent wire
         * format; Debezium then adjusts names that Avro refuses, and propagates each column's own name and type as
         * schema parameters, so readers recover the exact MySQL name), or {@code json} (JsonConverter with schemas,
         * each record carries its schema).
         */
        @WithDefault("avro")
        String format();

        /**
         * Apicurio Registry's v2 API as Kafka Connect reaches it (environment {@code SCHEMA_REGISTRY_APICURIO_URL},
         * e.g. {@code http://127.0.0.1:8081/apis/registry/v2}); required with format {@code avro}.
         */
        Optional<String> converterRegistryUrl();

        /**
         * The Kafka Connect converter class of format {@code avro} (environment {@code AVRO_CONVERTER_CLASS}), on keys
         * and values, configured with Apicurio's {@code apicurio.registry.*} settings. Default: the pipeline's
         * {@code org.streamingetl.connect.CachingAvroConverter} (platform/connect, installed by platform/install.sh
         * into the converter's plugin folder): Apicurio's AvroConverter, same bytes, without its per-record schema
         * lookup (Avro schema to JSON text and a hash of it for every record: half of Connect's task thread, see
         * docs/benchmarks.md). {@code io.apicurio.registry.utils.converter.AvroConverter} is Apicurio's own, for a
         * Connect worker without the pipeline's plugin jar.
         */
        @WithDefault("org.streamingetl.connect.CachingAvroConverter")
        String avroConverterClass();

        /**
         * How the connector's config names the Debezium user's password, so that Kafka Connect neither shows it
         * ({@code GET /connectors/<name>/config}) nor stores it in its config topic: {@code env} (default) writes the
         * reference {@code ${env:<password-key>}}, which the worker's {@code EnvVarConfigProvider} resolves from its
         * own environment; {@code file} writes {@code ${file:<password-key>}} ({@code FileConfigProvider}, key
         * {@code <path>:<property>}); {@code none} writes the password itself (for a worker without config providers).
         * The worker must declare the provider ({@code config.providers=env}, as the local stack and Compose do).
         */
        @WithDefault("env")
        String passwordProvider();

        /**
         * What the password provider looks up: the environment variable of the Connect worker that holds the
         * password ({@code env}), or {@code <path>:<property>} of a properties file on the worker ({@code file}).
         */
        @WithDefault("DEBEZIUM_MYSQL_PASSWORD")
        String passwordKey();

        /** How often the connector's state is checked. */
        @WithDefault("10s")
        Duration superviseInterval();

        /** How long start-up waits for the connector and its task to run. */
        @WithDefault("120s")
        Duration startTimeout();

        /**
         * After a DDL statement that changed rows without row events (RENAME TABLE onto a name, DROP/TRUNCATE/
         * EXCHANGE PARTITION), how long the registrar waits before it notes where the table's topic ends and
         * requests the re-send: change events Connect's producer sent before that statement must be in the topic by
         * then (they are usually there within milliseconds).
         */
        @WithDefault("2s")
        Duration resyncSettle();
    }

    interface Source {
        /** MySQL/MariaDB host as Kafka Connect reaches it. */
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("3306")
        int port();

        /** The CDC user (needs SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT). */
        @WithDefault("debezium")
        String user();

        /** Its password (never logged). */
        Optional<String> password();

        /** Databases to capture. */
        @WithDefault("streaming_etl_db")
        List<String> databases();
    }
}
