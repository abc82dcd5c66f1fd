package org.streamingetl.sink.decode;

import java.util.Map;

/**
 * One decoded Debezium change: {@code op} is {@code c} (insert), {@code u} (update), {@code d} (delete) or
 * {@code r} (snapshot read). {@code before}/{@code after} map column names to canonical Java values; either can be
 * null as Debezium sends it.
 */
public record ChangeEvent(char op, Map<String, Object> before, Map<String, Object> after) {

    public boolean isDelete() {
        return op == 'd';
    }

    /** The row image that represents the key's state after this change (the before image for a delete). */
    public Map<String, Object> image() {
        return isDelete() ? before : after;
    }
}
