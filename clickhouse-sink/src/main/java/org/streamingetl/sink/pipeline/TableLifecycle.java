package org.streamingetl.sink.pipeline;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where one sink table stands ({@link TableState}) and why, since when, its retry backoff, the record a halt stopped
 * at, and, for a dropped table, the end offsets when the drop was seen. Used by the sink loop's thread only.
 */
final class TableLifecycle {

    private TableState state = TableState.WAITING_FOR_SCHEMA;
    private String reason = "waiting for the table's TableCaptured announcement on the control topic";
    private long statusChangedAtNanos = System.nanoTime();
    private long retryAtNanos;
    private Duration backoff = Duration.ZERO;
    /** The record a halt stopped at (it went to the dead-letter topic), or null when the halt had no record. */
    private TopicPartition haltedPartition;
    private long haltedOffset = -1;
    /** For a dropped table: the end offsets when the drop was seen, or null. */
    private Map<TopicPartition, Long> dropHorizon;

    TableState state() {
        return state;
    }

    String reason() {
        return reason;
    }

    long statusChangedAtNanos() {
        return statusChangedAtNanos;
    }

    void run() {
        haltedPartition = null;
        haltedOffset = -1;
        setState(TableState.RUNNING, null);
    }

    void waitForSchema(String why) {
        setState(TableState.WAITING_FOR_SCHEMA, why);
    }

    void dropped(String why) {
        setState(TableState.DROPPED, why);
    }

    void haltAt(TopicPartition partition, long offset, String why) {
        haltedPartition = partition;
        haltedOffset = offset;
        halt(why);
    }

    void halt(String why) {
        setState(TableState.HALTED, why);
    }

    TopicPartition haltedPartition() {
        return haltedPartition;
    }

    long haltedOffset() {
        return haltedOffset;
    }

    /** Waits before trying again: {@code initial}, then twice as long each time, at most {@code max}. */
    void retryLater(String why, Duration initial, Duration max) {
        backoff = backoff.isZero() ? initial : backoff.multipliedBy(2);
        if (backoff.compareTo(max) > 0) {
            backoff = max;
        }
        retryAtNanos = System.nanoTime() + backoff.toNanos();
        setState(TableState.RETRYING, why);
    }

    Duration backoff() {
        return backoff;
    }

    /** A write succeeded: the next failure waits the initial backoff again. */
    void resetBackoff() {
        backoff = Duration.ZERO;
    }

    boolean retryDue() {
        return state == TableState.RETRYING && System.nanoTime() - retryAtNanos >= 0;
    }

    Map<TopicPartition, Long> dropHorizon() {
        return dropHorizon;
    }

    void dropHorizon(Map<TopicPartition, Long> offsets) {
        dropHorizon = offsets == null ? null : Map.copyOf(offsets);
    }

    private void setState(TableState newState, String why) {
        if (newState != state || (why != null && !why.equals(reason))) {
            statusChangedAtNanos = System.nanoTime();
        }
        state = newState;
        reason = why;
    }
}
