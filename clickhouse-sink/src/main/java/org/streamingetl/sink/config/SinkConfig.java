package org.streamingetl.sink.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Configuration of clickhouse-sink. Every property can be set in application.properties or as an environment
 * variable ({@code sink.batch.max-rows} → {@code SINK_BATCH_MAX_ROWS}).
 */
@ConfigMapping(prefix = "sink")
public interface SinkConfig {

    /** Debezium's topic prefix: data topics are {@code <prefix>.<db>.<table>}, the control topic {@code <prefix>.control}. */
    @WithDefault("streaming_etl")
    String topicPrefix();

    ClickHouseSettings clickhouse();

    Kafka kafka();

    Tables tables();

    /**
     * Per-table options (README, "Table options"), an indexed list: {@code sink.table-options[0].match=shop\.orders},
     * {@code sink.table-options[0].order-by=tenant_id,id}, ... (environment {@code SINK_TABLE_OPTIONS_0__MATCH}, ...).
     * The first entry whose {@code match} matches {@code <db>.<table>} applies to that table. None by default.
     */
    List<TableOptionSettings> tableOptions();

    Mapping mapping();

    Batch batch();

    Errors errors();

    Retry retry();

    SchemaRegistry schemaRegistry();

    /**
     * The schema registry Avro change events are read with (PIPELINE_FORMAT=avro). JSON records need none; the
     * sink tells the two apart by each record's first byte.
     */
    interface SchemaRegistry {
        /**
         * Its Confluent-compatible API (environment {@code SCHEMA_REGISTRY_URL}; Apicurio:
         * {@code http://<host>:<port>/apis/ccompat/v7}). Schemas are fetched once per id. Unset: an Avro record
         * waits (its table RETRYING, readiness says why) until the sink is restarted with a URL.
         */
        Optional<String> url();

        /** Timeout of one schema request; a registry that is down or slow makes the table wait and retry. */
        @WithDefault("10s")
        Duration requestTimeout();
    }

    /**
     * The largest row the pipeline carries, in bytes (environment {@code PIPELINE_MAX_ROW_BYTES}, the source's
     * {@code max_allowed_packet}): the dead-letter producer and topic accept the record of such a row. A row larger
     * than {@code sink.batch.max-bytes} is written as a batch of its own; the heap must hold about 8 times the row
     * while it passes (README, "Big rows").
     */
    @WithDefault("67108864")
    long maxRowBytes();

    Audit audit();

    Latency latency();

    Verify verify();

    /** The drift check's side in the sink (README, "Drift check"). */
    interface Verify {
        /**
         * Name of the marker table (in any source database) whose rows are cdc-registrar's chunk markers; its rows
         * are written to ClickHouse like any table's and answered on {@code <prefix>.verify}.
         */
        @WithDefault("pipeline_verify")
        String markerTable();

        /**
         * How long after a marker arrived the sink reads where its table's topic ends, to decide that it has read
         * every change before the marker (Kafka Connect sends a change before the marker that follows it; this
         * leaves its producer time to have it written).
         */
        @WithDefault("500ms")
        Duration settle();
    }

    /** The per-hop latency histogram {@code pipeline_change_latency_seconds{table,hop}} (README, "Latency"). */
    interface Latency {
        /**
         * Every how many rows of a batch one row's latency is measured (the first row of each batch always is):
         * 1 measures every row; the default 10 keeps the cost below 1 % of the sink's CPU at 100k rows/s while a
         * quiet table still has every change measured.
         */
        @WithDefault("10")
        int sampleEvery();
    }

    /**
     * The audit of the sink's tables against the tables cdc-registrar announced (minus those left out by
     * {@code sink.tables.include}/{@code exclude}): readiness is DOWN, naming the tables, while they differ.
     */
    interface Audit {
        /** How often the audit runs. */
        @WithDefault("5s")
        Duration interval();

        /**
         * How long an announced table whose topic has changes may go unread (or a topic be read without an
         * announcement) before the audit counts it as a difference.
         */
        @WithDefault("30s")
        Duration grace();
    }

    interface Mapping {
        /**
         * DATE/DATETIME/TIMESTAMP on modern servers: {@code typed} (default) writes Date32/DateTime64, whose range is
         * 1900-01-01 .. 2299-12-31 (a value outside it goes to the dead-letter topic); {@code text} writes them as
         * MySQL prints them, exact for every MySQL value (0000-00-00 aside, see docs/type-mapping.md). Old servers
         * always use text. Changing it applies to tables the sink creates from then on.
         */
        @WithDefault("typed")
        Temporal temporal();

        enum Temporal { typed, text }
    }

    /** Which source tables the sink writes; both lists hold regular expressions matched against {@code <db>.<table>}. */
    interface Tables {
        /** Only these tables (comma-separated regular expressions); all when unset. */
        Optional<List<String>> include();

        /**
         * Not these tables, even when included (comma-separated regular expressions). Default: Debezium's
         * signalling table, which holds re-snapshot requests and watermarks, not data.
         */
        @WithDefault(".*\\.debezium_signal")
        Optional<List<String>> exclude();
    }

    interface Kafka {
        /** Kafka bootstrap servers. */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /** Consumer group of the sink; its committed offsets are the sink's progress. */
        @WithDefault("clickhouse-sink")
        String groupId();

        /**
         * Records handed to the sink per poll. Every record of a poll is in memory at once (a Debezium JSON record
         * is ~4 KB): 5,000 kept ~40 MB alive through each young collection of the sink's small heap and cost a
         * third of its CPU in garbage collection; Kafka's default of 500 does not slow the sink.
         */
        @WithDefault("500")
        int maxPollRecords();

        /**
         * Bytes fetched per partition and request (Kafka's max.partition.fetch.bytes). Debezium's JSON records are
         * about 4 KB each: Kafka's 1 MiB default returns only ~250 records per round trip and starves the sink.
         * With fetch-max-bytes it bounds the memory the consumer holds.
         */
        @WithDefault("8388608")
        int maxPartitionFetchBytes();

        /** Bytes fetched per request over all partitions (Kafka's fetch.max.bytes). */
        @WithDefault("33554432")
        int fetchMaxBytes();

        /** How often new data topics are discovered (consumer metadata refresh). */
        @WithDefault("5s")
        Duration topicDiscoveryInterval();

        /**
         * This instance's static membership id in the consumer group (Kafka's {@code group.instance.id}); unique per
         * instance, and the same across restarts of that instance. With it, an instance restarted after a crash
         * takes its partitions back at once instead of waiting for its old session to expire. Empty: dynamic
         * membership. The local mode sets {@code clickhouse-sink-<n>} for instance n.
         */
        Optional<String> instanceId();

        /**
         * How long the group waits for a silent instance (Kafka's {@code session.timeout.ms}) before its partitions
         * go to the others: with static membership, also how long a crashed instance's tables wait when it is not
         * restarted. Within the broker's group.min/max.session.timeout.ms (6 s .. 30 min by default).
         */
        @WithDefault("10s")
        Duration sessionTimeout();
    }

    /**
     * When a table's batch is written: whichever limit is reached first. Larger batches mean higher throughput and
     * fewer ClickHouse parts; a shorter max-wait means a change is visible sooner.
     */
    interface Batch {
        /** Rows per insert at most. */
        @WithDefault("100000")
        int maxRows();

        /**
         * Bytes (RowBinary) per insert at most; with max-rows this bounds the sink's memory per table (a busy table has
         * two buffers: one being inserted while the next fills).
         */
        @WithDefault("16777216")
        long maxBytes();

        /** Longest time a change waits in the sink before it is written. */
        @WithDefault("200ms")
        Duration maxWait();
    }

    interface Errors {
        /** What happens to a table after one of its records went to the dead-letter topic: halt (default) or skip. */
        @WithDefault("halt")
        ErrorMode mode();

        /**
         * How long a record whose column types changed (its row schema differs from the table's records so far, as
         * after a MODIFY COLUMN) and that does not fit the announced structure waits for cdc-registrar's new
         * announcement before it counts as unwritable and goes to the dead-letter topic.
         */
        @WithDefault("2m")
        Duration schemaWait();
    }

    interface Retry {
        /** First wait after a failed insert; doubles up to max-backoff. */
        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    enum ErrorMode {
        /** Stop the table at the bad record (it is in the DLQ); health turns DOWN until an operator acts. */
        halt,
        /** Write the bad record to the DLQ and go on. */
        skip
    }
}
