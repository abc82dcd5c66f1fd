package org.streamingetl.sink.decode;

/** A Kafka record that is not a Debezium change event the sink can read. */
public class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
