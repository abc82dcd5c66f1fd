package org.streamingetl.sink.mapping;

/** A MySQL column type the sink has no mapping for. */
public class UnmappableTypeException extends RuntimeException {

    public UnmappableTypeException(String message) {
        super(message);
    }
}
