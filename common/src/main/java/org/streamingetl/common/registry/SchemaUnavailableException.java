package org.streamingetl.common.registry;

/**
 * The schema a record was written with cannot be fetched right now (the schema registry is down, slow, or does not
 * know the id yet). Nothing is wrong with the record: it is read again later (the sink never sends it to the
 * dead-letter topic).
 */
public class SchemaUnavailableException extends RuntimeException {

    public SchemaUnavailableException(String message) {
        super(message);
    }

    public SchemaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
