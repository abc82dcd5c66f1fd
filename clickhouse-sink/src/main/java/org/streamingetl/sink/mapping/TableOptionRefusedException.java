package org.streamingetl.sink.mapping;

/** A table option ({@code sink.table-options}) that cannot apply to the table it matched: the table halts. */
public final class TableOptionRefusedException extends RuntimeException {

    public TableOptionRefusedException(String message) {
        super(message);
    }
}
