package org.streamingetl.sink.pipeline;

/** A change whose row cannot be written to its ClickHouse table; the record goes to the dead-letter topic. */
class RowRejectedException extends RuntimeException {

    RowRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
