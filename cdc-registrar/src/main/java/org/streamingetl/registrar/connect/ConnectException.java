package org.streamingetl.registrar.connect;

/** A failed Kafka Connect request; {@link #retriable()} when waiting may help. */
public class ConnectException extends RuntimeException {

    private final boolean retriable;

    public ConnectException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
