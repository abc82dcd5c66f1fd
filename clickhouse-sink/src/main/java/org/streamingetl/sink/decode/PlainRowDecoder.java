package org.streamingetl.sink.decode;

import java.nio.ByteBuffer;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.registry.SchemaUnavailableException;

/**
 * Decodes ksqlDB's plain rows (an enrichment on the ksqldb engine) in whichever format ksqlDB wrote them, told apart
 * by the first byte of the value (of the key for a tombstone): Avro in the Confluent wire format (0,
 * {@link PlainAvroDecoder}) or JSON ({@link PlainJsonDecoder}). Typed by the table's announcement in both.
 */
public final class PlainRowDecoder {

    private final PlainJsonDecoder json = new PlainJsonDecoder();
    private final PlainAvroDecoder avro;
    private final String noRegistry;

    /** {@code schemas}: where Avro records' schemas are read; null when no registry is configured. */
    public PlainRowDecoder(AvroChangeEventDecoder.SchemaSource schemas, String noRegistryHint) {
        this.avro = schemas == null ? null : new PlainAvroDecoder(schemas);
        this.noRegistry = noRegistryHint;
    }

    /** Decodes one record of {@code table}'s topic. */
    public ChangeEvent decode(TableCaptured table, ByteBuffer key, ByteBuffer value) {
        ByteBuffer telling = value != null ? value : key;
        if (telling != null && telling.hasRemaining() && telling.get(telling.position()) == AvroChangeEventDecoder.MAGIC) {
            if (avro == null) {
                throw new SchemaUnavailableException("an Avro record on " + table.topic() + ", but the sink knows no "
                        + "schema registry: " + noRegistry);
            }
            return avro.decode(table, key, value);
        }
        return json.decode(table, key, value);
    }
}
