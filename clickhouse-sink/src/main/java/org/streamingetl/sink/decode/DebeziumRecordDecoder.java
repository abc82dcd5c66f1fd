package org.streamingetl.sink.decode;

import java.nio.ByteBuffer;
import org.streamingetl.common.registry.SchemaUnavailableException;

/**
 * Decodes a Debezium change event in whichever form the connector's converter wrote it, told apart by its first
 * byte: Avro in the Confluent wire format (0, {@link AvroChangeEventDecoder}) or JSON with schemas ({@code {},
 * {@link ChangeEventDecoder}). A topic can hold both (the pipeline's format changed while it had records), and each
 * record is read as it was written.
 */
public final class DebeziumRecordDecoder {

    private final ChangeEventDecoder json = new ChangeEventDecoder();
    private final AvroChangeEventDecoder avro;
    private final String noRegistry;

    /** {@code schemas}: where Avro records' schemas are read; null when no registry is configured. */
    public DebeziumRecordDecoder(AvroChangeEventDecoder.SchemaSource schemas, String noRegistryHint) {
        this.avro = schemas == null ? null : new AvroChangeEventDecoder(schemas);
        this.noRegistry = noRegistryHint;
    }

    /** Decodes one record value; {@code null} (a tombstone) gives {@code null}. */
    public ChangeEvent decode(String topic, ByteBuffer value) {
        if (value == null) {
            return null;
        }
        if (value.hasRemaining() && value.get(value.position()) == AvroChangeEventDecoder.MAGIC) {
            if (avro == null) {
                throw new SchemaUnavailableException("an Avro record on " + topic + ", but the sink knows no schema "
                        + "registry: " + noRegistry);
            }
            return avro.decode(value);
        }
        return json.decode(topic, value);
    }
}
