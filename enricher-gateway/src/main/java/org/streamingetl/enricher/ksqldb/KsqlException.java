package org.streamingetl.enricher.ksqldb;

/** ksqlDB refused a statement or could not be reached; the message says which statement and why. */
public final class KsqlException extends RuntimeException {

    public KsqlException(String message) {
        super(message);
    }

    public KsqlException(String message, Throwable cause) {
        super(message, cause);
    }
}
