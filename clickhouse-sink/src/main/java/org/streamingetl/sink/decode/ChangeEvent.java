package org.streamingetl.sink.decode;

import java.util.Map;

/**
 * One decoded Debezium change: {@code op} is {@code c} (insert), {@code u} (update), {@code d} (delete),
 * {@code r} (snapshot read) or {@code t} (TRUNCATE TABLE, with neither image). {@code before}/{@code after} map column names to canonical Java values; either can be
 * null as Debezium sends it.
 */
public record ChangeEvent(char op, Map<String, Object> before, Map<String, Object> after, Object rowSchema,
                          SourcePosition source) {

    /** A change without its source block (see {@link #ChangeEvent(char, Map, Map)} for {@code rowSchema}). */
    public ChangeEvent(char op, Map<String, Object> before, Map<String, Object> after, Object rowSchema) {
        this(op, before, after, rowSchema, null);
    }

    /**
     * A change without its row schema. {@code rowSchema} is the Connect schema of the row images as the record
     * carried it (compared with {@code equals}): when it differs from the one the table's records had before, the
     * MySQL structure changed (e.g. a column's type) and the sink may not have its announcement yet.
     */
    public ChangeEvent(char op, Map<String, Object> before, Map<String, Object> after) {
        this(op, before, after, null);
    }

    /** The source's commit time (epoch ms, {@code source.ts_ms}), or -1 when the record did not carry it. */
    public long sourceTsMs() {
        return source == null ? -1 : source.tsMs();
    }

    public boolean isDelete() {
        return op == 'd';
    }

    public boolean isTruncate() {
        return op == 't';
    }

    /** The row image that represents the key's state after this change (the before image for a delete). */
    public Map<String, Object> image() {
        return isDelete() ? before : after;
    }
}
