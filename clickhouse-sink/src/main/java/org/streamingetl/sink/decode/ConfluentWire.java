package org.streamingetl.sink.decode;

import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The Confluent wire format of an Avro record: magic byte 0, the 4-byte schema id, the Avro body. Read without copying
 * the fetched record where it has an array.
 */
final class ConfluentWire {

    static final byte MAGIC = 0;

    private ConfluentWire() {
    }

    /** Whether the record at the buffer's position starts like the wire format. */
    static boolean isWireFormat(ByteBuffer record) {
        return record.remaining() >= 5 && record.get(record.position()) == MAGIC;
    }

    /** The schema id of a record in the wire format. */
    static int schemaId(ByteBuffer record) {
        return record.getInt(record.position() + 1);
    }

    /** A decoder over the record's Avro body ({@code reuse}: the previous decoder of the caller, or null). */
    static BinaryDecoder body(ByteBuffer record, BinaryDecoder reuse) {
        int start = record.position();
        if (record.hasArray()) {
            return DecoderFactory.get().binaryDecoder(record.array(), record.arrayOffset() + start + 5,
                    record.remaining() - 5, reuse);
        }
        byte[] copy = new byte[record.remaining() - 5];
        record.duplicate().position(start + 5).get(copy);
        return DecoderFactory.get().binaryDecoder(copy, reuse);
    }
}
