package org.streamingetl.sink.clickhouse;

/** A MySQL schema change that ClickHouse cannot apply to the existing table; the table halts with this reason. */
public final class SchemaChangeRefusedException extends RuntimeException {

    public SchemaChangeRefusedException(String message) {
        super(message);
    }
}
