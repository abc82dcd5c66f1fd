package org.streamingetl.common.kafka;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The size limits of the pipeline, all derived from one number: the largest row a user can write and the pipeline
 * carries ({@code PIPELINE_MAX_ROW_BYTES}, MySQL's {@code max_allowed_packet}; 64 MiB by default). platform/env.sh
 * applies the same formula to the broker's limits.
 */
public final class RecordLimits {

    /** MySQL's default {@code max_allowed_packet} (8.0+), and the pipeline's default largest row. */
    public static final long DEFAULT_MAX_ROW_BYTES = 64L * 1024 * 1024;
    /** Room for the envelope around the row images: schema, source block, key. */
    public static final long ENVELOPE_BYTES = 1024 * 1024;
    /** Kafka's own defaults, never lowered by the pipeline. */
    public static final long KAFKA_DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    public static final long KAFKA_DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    private RecordLimits() {
    }

    /**
     * The largest Kafka record (serialized, uncompressed: what the producer's {@code max.request.size} measures) a
     * row of {@code maxRowBytes} makes: an UPDATE carries the row twice (before and after) and a BYTES column is
     * base64 in JSON (4/3), so 8/3 of the row, plus {@link #ENVELOPE_BYTES}.
     */
    public static long maxRecordBytes(long maxRowBytes) {
        if (maxRowBytes <= 0) {
            throw new IllegalArgumentException("the largest row must be a positive number of bytes, not " + maxRowBytes);
        }
        long record = Math.addExact(Math.multiplyExact(maxRowBytes, 8) / 3, ENVELOPE_BYTES);
        if (record > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rows of " + maxRowBytes + " bytes make records of " + record
                    + " bytes, more than Kafka's largest (2 GiB - 1)");
        }
        return Math.max(record, KAFKA_DEFAULT_MAX_REQUEST_BYTES);
    }

    /** A producer's settings for records of rows up to {@code maxRowBytes}: max.request.size and buffer.memory. */
    public static Map<String, Object> producerSettings(long maxRowBytes) {
        return Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) maxRecordBytes(maxRowBytes),
                ProducerConfig.BUFFER_MEMORY_CONFIG, producerBufferMemory(maxRowBytes));
    }

    /** A topic's settings for records of rows up to {@code maxRowBytes}: max.message.bytes. */
    public static Map<String, String> topicSettings(long maxRowBytes) {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(maxRecordBytes(maxRowBytes)));
    }

    /**
     * Lifts Jackson's default limit of 20 M characters per string value, which a base64 BYTES value of a 15 MB row
     * already exceeds; a value can never be longer than its record, which Kafka bounds.
     */
    /**
     * Lets every Jackson factory created from now on in this JVM read strings of any length (the default limit,
     * 20 M characters, refuses the base64 value of a 15 MB row). Set as a default rather than on a factory: a factory
     * given its own constraints parsed the sink's change events 40 % slower (measured with bench/run.sh).
     */
    public static void allowLongStringsByDefault() {
        com.fasterxml.jackson.core.StreamReadConstraints.overrideDefaultStreamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
    }


    /** The producer's {@code buffer.memory}: it must hold one whole record, or the producer refuses it. */
    public static long producerBufferMemory(long maxRowBytes) {
        return Math.max(KAFKA_DEFAULT_BUFFER_MEMORY, maxRecordBytes(maxRowBytes) + ENVELOPE_BYTES);
    }
}
