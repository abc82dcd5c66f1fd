package org.streamingetl.sink.encode;

/** A value that does not fit the ClickHouse column it is meant for. */
public class UnwritableValueException extends RuntimeException {

    public UnwritableValueException(String message) {
        super(message);
    }

    public UnwritableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
