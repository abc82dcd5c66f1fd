package org.streamingetl.sink.latency;

import java.util.Arrays;

/**
 * The commit and Kafka times of some of a batch's changes, kept until ClickHouse acknowledged the batch and then
 * recorded by {@link ChangeLatency}. Every {@code stride}-th change of the batch is kept, the first one always: a
 * lone change is always measured, and a busy table's 100k rows/s cost a few thousand recordings, not 300k. Used by
 * the sink loop's thread only.
 */
public final class LatencySamples {

    private final int stride;
    private long[] sourceMs = new long[16];
    private long[] kafkaMs = new long[16];
    private int size;
    private int seen;

    /** Keeps every {@code stride}-th change (1: every change). */
    public LatencySamples(int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("the latency sample stride must be at least 1, got " + stride);
        }
        this.stride = stride;
    }

    /**
     * A change of the batch: its commit time in the source ({@code -1}: unknown, e.g. a snapshot read, which has no
     * commit) and its Kafka record timestamp, both epoch milliseconds.
     */
    public void add(long sourceEpochMs, long kafkaEpochMs) {
        if (seen++ % stride != 0) {
            return;
        }
        if (size == sourceMs.length) {
            sourceMs = Arrays.copyOf(sourceMs, size * 2);
            kafkaMs = Arrays.copyOf(kafkaMs, size * 2);
        }
        sourceMs[size] = sourceEpochMs;
        kafkaMs[size] = kafkaEpochMs;
        size++;
    }

    public int size() {
        return size;
    }

    /** Commit time of sample {@code i}, or -1 when unknown. */
    public long sourceMs(int i) {
        return sourceMs[i];
    }

    /** Kafka record timestamp of sample {@code i}, or -1 when unknown. */
    public long kafkaMs(int i) {
        return kafkaMs[i];
    }

    public void clear() {
        size = 0;
        seen = 0;
    }
}
