package org.streamingetl.sink.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of ClickHouse RowBinary: little-endian fixed-width numbers, LEB128 lengths before strings.
 * One buffer holds one batch of one table; {@link #writeTo} streams it to the insert request.
 */
public final class RowBinaryOutput {

    private byte[] buf;
    private int size;

    public RowBinaryOutput(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    /** Drops everything written after {@code mark} (a row that failed half-way). */
    public void truncate(int mark) {
        if (mark < 0 || mark > size) {
            throw new IllegalArgumentException("mark " + mark + " outside 0.." + size);
        }
        size = mark;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public void writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    public void writeInt16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
    }

    public void writeInt32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    public void writeInt64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    public void writeFloat32(float v) {
        writeInt32(Float.floatToRawIntBits(v));
    }

    public void writeFloat64(double v) {
        writeInt64(Double.doubleToRawLongBits(v));
    }

    /**
     * Writes {@code value} as a little-endian two's complement integer of {@code bytes} bytes (Int128, Int256,
     * UInt64 from a BigInteger). The caller checks the range.
     */
    public void writeBigInteger(BigInteger value, int bytes) {
        byte[] be = value.toByteArray();
        ensure(bytes);
        byte fill = (byte) (value.signum() < 0 ? 0xFF : 0x00);
        for (int i = 0; i < bytes; i++) {
            int src = be.length - 1 - i;
            buf[size++] = src >= 0 ? be[src] : fill;
        }
    }

    public void writeVarUInt(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    public void writeBytes(byte[] bytes) {
        writeVarUInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    public void writeString(String s) {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
