package org.streamingetl.connect;

import io.apicurio.registry.utils.converter.AvroConverter;
import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import io.apicurio.registry.rest.client.exception.RestClientException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio's AvroConverter (same configuration, same bytes) without its per-record cost: Apicurio's schema resolver
 * turns the record's Avro schema into its JSON text and hashes that text for EVERY record to find the schema id in its
 * cache (half of Kafka Connect's task thread in the JFR profile, docs/benchmarks.md). Debezium hands every record of a
 * table the same Connect {@link Schema} object until the table changes, so this converter remembers, per Connect
 * schema object (identity) and topic, the 5-byte Confluent prefix (magic byte + schema id) Apicurio wrote for it and
 * writes the following records itself: Connect -> Avro through Apicurio's own {@link AvroData}, then Avro's binary
 * encoding, as Apicurio's serializer does.
 *
 * <p>Safe by construction: the first record of each schema goes through Apicurio (which registers the schema), and
 * the schema is cached only if this converter's own encoding of that record is byte for byte what Apicurio wrote;
 * otherwise every record of it keeps going through Apicurio. A new table structure (DDL) is a new Connect schema
 * object, so it goes through Apicurio again and is registered as before. Tombstones (null values) and non-record
 * values always go through Apicurio. Used by one task thread at a time, as Connect uses converters.
 *
 * <p>A registry that cannot be reached (connection refused, a timeout, a 5xx answer) while a schema is looked up or
 * registered is a {@link RetriableException}: with the connector's {@code errors.retry.timeout} (cdc-registrar sets
 * it) Kafka Connect retries the record with backoff instead of failing the task, and the streaming resumes by itself
 * once the registry is back. A registry that answers with a 4xx (a schema it rejects) is not retried.
 */
public class CachingAvroConverter extends AvroConverter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(CachingAvroConverter.class);
    /** At most one warning per this many ms while the registry is unreachable (Connect retries far more often). */
    private static final long OUTAGE_LOG_INTERVAL_MS = 30_000;

    /** More distinct schemas than this (a long-running worker with many DDLs): the cache starts again. */
    static final int MAX_SCHEMAS = 1000;

    private record Entry(String topic, byte[] prefix, GenericDatumWriter<GenericRecord> writer) {
    }

    private final Map<Schema, Entry> cache = new IdentityHashMap<>();
    private final Map<Schema, String> uncacheable = new IdentityHashMap<>();
    private AvroData avroData;
    private String registryUrl;
    private long lastOutageLog;
    private BinaryEncoder encoder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        super.configure(configs, isKey);
        avroData = new AvroData(new AvroDataConfig(configs));
        registryUrl = String.valueOf(configs.get("apicurio.registry.url"));
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return convert(topic, null, schema, value);
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        return convert(topic, headers, schema, value);
    }

    private byte[] apicurio(String topic, Headers headers, Schema schema, Object value) {
        try {
            return headers == null ? super.fromConnectData(topic, schema, value)
                    : super.fromConnectData(topic, headers, schema, value);
        } catch (RuntimeException e) {
            String outage = registryOutage(e);
            if (outage == null) {
                throw e;
            }
            String message = "Schema registry at " + registryUrl + " is unreachable (" + outage + ") while converting a"
                    + " record of topic " + topic + "; Kafka Connect retries it (errors.retry.timeout): start the"
                    + " registry or fix apicurio.registry.url, the connector resumes by itself";
            long now = System.currentTimeMillis();
            if (now - lastOutageLog >= OUTAGE_LOG_INTERVAL_MS) {
                LOG.warn(message);
                lastOutageLog = now;
            }
            throw new RetriableException(message, e);
        }
    }

    /**
     * Why the registry could not answer (a transport failure, a timeout, a 5xx), or null when the failure is not an
     * outage (a 4xx such as a rejected schema, or no registry call at all). Apicurio's client turns a connection
     * failure into a {@link RestClientException} without a status code, named after the I/O exception.
     */
    static String registryOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RestClientException r) {
                var error = r.getError();
                Integer code = error == null ? null : error.getErrorCode();
                if (code == null || code == 0 || code >= 500 || code == 408 || code == 429) {
                    String name = error == null ? null : error.getName();
                    return (code == null || code == 0 ? "" : "HTTP " + code + " ")
                            + (name == null ? "no answer" : name)
                            + (error == null || error.getMessage() == null ? "" : ": " + error.getMessage());
                }
                return null;
            }
            if (t instanceof java.io.IOException) {
                return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
        }
        return null;
    }

    private synchronized byte[] convert(String topic, Headers headers, Schema schema, Object value) {
        if (schema == null || value == null) {
            return apicurio(topic, headers, schema, value);
        }
        Entry e = cache.get(schema);
        if (e != null && e.topic.equals(topic)) {
            Object avro = avroData.fromConnectData(schema, value);
            if (avro instanceof GenericRecord r) {
                return encode(e.prefix, e.writer, r);
            }
        }
        byte[] apicurio = apicurio(topic, headers, schema, value);
        if (e == null && !topic.equals(uncacheable.get(schema))) {
            remember(topic, schema, value, apicurio);
        }
        return apicurio;
    }

    /** How many Connect schemas have their prefix cached (tests: the records after the first skip Apicurio's lookup). */
    synchronized int cachedSchemas() {
        return cache.size();
    }

    private void remember(String topic, Schema schema, Object value, byte[] apicurio) {
        if (apicurio == null || apicurio.length < 5 || apicurio[0] != 0) {
            uncacheable.put(schema, topic); // not the Confluent wire format (headers mode): nothing to reuse
            return;
        }
        Object avro = avroData.fromConnectData(schema, value);
        if (!(avro instanceof GenericRecord r)) {
            uncacheable.put(schema, topic);
            return;
        }
        byte[] prefix = Arrays.copyOf(apicurio, 5);
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(r.getSchema());
        if (!Arrays.equals(apicurio, encode(prefix, writer, r))) {
            uncacheable.put(schema, topic);
            return;
        }
        if (cache.size() >= MAX_SCHEMAS) {
            cache.clear();
        }
        cache.put(schema, new Entry(topic, prefix, writer));
    }

    private byte[] encode(byte[] prefix, GenericDatumWriter<GenericRecord> writer, GenericRecord record) {
        out.reset();
        out.write(prefix, 0, prefix.length);
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException ex) {
            throw new DataException("Avro encoding of a record of " + record.getSchema().getFullName() + " failed", ex);
        }
        return out.toByteArray();
    }
}
