package org.streamingetl.sink.encode;

/** Small helpers to state expected RowBinary bytes. */
final class Bytes {

    private Bytes() {
    }

    /** {@code of(0xFF, 0x7F)}: the given unsigned byte values. */
    static byte[] of(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** What {@code writer} writes for {@code value}. */
    static byte[] written(ValueWriter writer, Object value) {
        RowBinaryOutput out = new RowBinaryOutput(0);
        writer.write(out, value);
        return out.toByteArray();
    }

    /** The little-endian bytes of a 64-bit integer, written independently of {@link RowBinaryOutput}. */
    static byte[] int64(long v) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static byte[] int32(int v) {
        return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
