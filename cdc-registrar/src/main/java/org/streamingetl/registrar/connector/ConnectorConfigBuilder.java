package org.streamingetl.registrar.connector;

import java.util.Map;
import java.util.TreeMap;
import org.streamingetl.common.kafka.RecordLimits;
import org.streamingetl.registrar.config.RegistrarConfig;

/**
 * The desired Debezium connector config, from the registrar's configuration and the detected flavor. Pure: the
 * same inputs always give the same map, so it can be compared with what Kafka Connect has.
 */
public final class ConnectorConfigBuilder {

    private ConnectorConfigBuilder() {
    }

    public static Map<String, String> build(RegistrarConfig config, Flavor flavor) {
        RegistrarConfig.Connector connector = config.connector();
        RegistrarConfig.Source source = config.source();
        Map<String, String> c = new TreeMap<>();
        c.put("connector.class", connector.connectorClass().orElse(flavor.connectorClass()));
        c.put("tasks.max", "1");
        c.put("database.hostname", source.host());
        c.put("database.port", Integer.toString(source.port()));
        c.put("database.user", source.user());
        c.put("database.password", password(connector, source));
        c.put("database.server.id", Long.toString(connector.serverId()));
        c.put("database.include.list", String.join(",", source.databases()));
        connector.tableIncludeList().ifPresent(v -> c.put("table.include.list", v));
        connector.tableExcludeList().ifPresent(v -> c.put("table.exclude.list", v));
        c.put("topic.prefix", config.topicPrefix());
        c.put("snapshot.mode", connector.snapshotMode());
        // DDL goes to the schema change topic <prefix>; cdc-registrar follows it to announce new table structures.
        c.put("include.schema.changes", "true");
        c.put("schema.history.internal.kafka.bootstrap.servers", config.kafkaBootstrapServers());
        c.put("schema.history.internal.kafka.topic", config.topicPrefix() + ".schema-history");
        // Exact values: DECIMAL and BIGINT UNSIGNED as Connect Decimals, temporal values to the microsecond.
        c.put("decimal.handling.mode", "precise");
        c.put("bigint.unsigned.handling.mode", "precise");
        c.put("time.precision.mode", "adaptive_time_microseconds");
        c.put("binary.handling.mode", "bytes");
        // Debezium skips TRUNCATE events by default ("t"); the sink applies them, so ClickHouse is emptied too.
        c.put("skipped.operations", "none");
        // Measured here: 50 ms brings commit -> Kafka latency from p50 300 ms to about 50 ms.
        c.put("poll.interval.ms", "50");
        // Ad-hoc (incremental) re-snapshots: requested through the signalling table, their progress reported as
        // Debezium notifications on <prefix>.notifications (cdc-registrar follows both).
        c.put("signal.enabled.channels", "source");
        c.put("signal.data.collection", signalTable(config));
        c.put("notification.enabled.channels", "sink");
        c.put("notification.sink.topic.name", config.topicPrefix() + ".notifications");
        // A change event is ~4 KB of JSON, mostly its repeated schema: zstd makes the topics ~30x smaller, and the sink
        // decompresses it natively (Kafka's lz4 decompressor is pure Java: 40 % of the sink's CPU in the benchmark).
        c.put("producer.override.compression.type", "zstd");
        // Big rows: the producer and the topics Connect creates accept the largest record a row of max-row-bytes
        // makes (the broker's message.max.bytes is set from the same PIPELINE_MAX_ROW_BYTES, platform/env.sh).
        long maxRecord = RecordLimits.maxRecordBytes(connector.maxRowBytes());
        c.put("producer.override.max.request.size", Long.toString(maxRecord));
        c.put("producer.override.buffer.memory", Long.toString(RecordLimits.producerBufferMemory(connector.maxRowBytes())));
        c.put("topic.creation.default.max.message.bytes", Long.toString(maxRecord));
        c.put("topic.creation.default.replication.factor", "-1");
        c.put("topic.creation.default.partitions", "-1");
        // A schema registry that cannot be reached makes the Avro converter throw Connect's RetriableException
        // (platform/connect's CachingAvroConverter): Kafka Connect then retries the record, backing off up to 30 s
        // between attempts, until the registry answers, instead of failing the task. Overridable through extra.
        c.put("errors.retry.timeout", "-1");
        c.put("errors.retry.delay.max.ms", "30000");
        converters(connector).forEach(c::put);
        c.putAll(connector.extra());
        c.put("name", connector.name());
        return c;
    }

    /**
     * The connector's converters and the Debezium settings the format needs: none for {@code json} (the worker's
     * JsonConverter with schemas); for {@code avro}, Apicurio's AvroConverter (or the pipeline's caching subclass of
     * it, {@code registrar.connector.avro-converter-class}) on keys and values writing the
     * Confluent wire format (magic byte, 4-byte schema id) and registering each new schema, Avro-safe schema and
     * field names (Unicode escapes, so two names never collide) and each column's own name and type as schema
     * parameters.
     */
    static Map<String, String> converters(RegistrarConfig.Connector connector) {
        Map<String, String> c = new TreeMap<>();
        switch (connector.format().trim()) {
            case "json" -> {
            }
            case "avro" -> {
                String url = connector.converterRegistryUrl().filter(u -> !u.isBlank()).orElseThrow(() ->
                        new IllegalArgumentException("registrar.connector.format=avro needs the schema registry: set "
                                + "SCHEMA_REGISTRY_APICURIO_URL (registrar.connector.converter-registry-url) to Apicurio "
                                + "Registry's v2 API as Kafka Connect reaches it, e.g. http://127.0.0.1:8081/apis/registry/v2"));
                for (String side : new String[] {"key", "value"}) {
                    c.put(side + ".converter", connector.avroConverterClass().trim());
                    c.put(side + ".converter.apicurio.registry.url", url);
                    c.put(side + ".converter.apicurio.registry.auto-register", "true");
                    c.put(side + ".converter.apicurio.registry.find-latest", "true");
                    // Measured: without headers.enabled=false the converter puts the schema id in record headers
                    // and writes no magic byte/id; content ids are what the registry's ccompat API serves.
                    c.put(side + ".converter.apicurio.registry.as-confluent", "true");
                    c.put(side + ".converter.apicurio.registry.headers.enabled", "false");
                    c.put(side + ".converter.apicurio.registry.use-id", "contentId");
                }
                c.put("schema.name.adjustment.mode", "avro_unicode");
                c.put("field.name.adjustment.mode", "avro_unicode");
                c.put("column.propagate.source.type", ".*");
            }
            default -> throw new IllegalArgumentException("registrar.connector.format (PIPELINE_FORMAT) must be json or "
                    + "avro, not '" + connector.format() + "'");
        }
        return c;
    }

    /**
     * The password as the connector's config holds it: a config-provider reference ({@code ${env:KEY}}), resolved by
     * Kafka Connect when it starts the connector, or the password itself when the provider is {@code none}.
     */
    static String password(RegistrarConfig.Connector connector, RegistrarConfig.Source source) {
        String provider = connector.passwordProvider().trim();
        if (provider.equals("none")) {
            return source.password().orElse("");
        }
        if (!provider.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("registrar.connector.password-provider '" + provider
                    + "' is not a config provider name: use env, file (as declared in the Connect worker's config.providers) or none");
        }
        return "${" + provider + ":" + connector.passwordKey() + "}";
    }

    /** The signalling table, {@code db.table}. */
    public static String signalTable(RegistrarConfig config) {
        return config.connector().signalTable().orElse(config.source().databases().get(0) + ".debezium_signal");
    }
}
