package org.streamingetl.sink.pipeline;

/** Where a sink table stands. */
public enum TableState {
    /** No usable TableCaptured announcement yet; the table's partitions are paused, offsets not committed. */
    WAITING_FOR_SCHEMA,
    /** Consuming and writing. */
    RUNNING,
    /** ClickHouse failed with an error that may pass (server down, timeout); retrying with backoff. */
    RETRYING,
    /** The source table was dropped; so was the ClickHouse table. A new announcement (CREATE TABLE) revives it. */
    DROPPED,
    /** Stopped on an error that needs an operator (see lastError); health is DOWN. */
    HALTED
}
