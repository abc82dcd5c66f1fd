package org.streamingetl.sink.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RowBinaryOutputTest {

    private static byte[] varUInt(long v) {
        RowBinaryOutput out = new RowBinaryOutput(0);
        out.writeVarUInt(v);
        return out.toByteArray();
    }

    @Test
    void varUIntIsLeb128() {
        assertArrayEquals(Bytes.of(0x00), varUInt(0));
        assertArrayEquals(Bytes.of(0x7F), varUInt(127));
        assertArrayEquals(Bytes.of(0x80, 0x01), varUInt(128));
        assertArrayEquals(Bytes.of(0xAC, 0x02), varUInt(300));
        assertArrayEquals(Bytes.of(0xFF, 0xFF, 0x03), varUInt(65535));
    }

    @Test
    void fixedWidthNumbersAreLittleEndian() {
        RowBinaryOutput out = new RowBinaryOutput(0);
        out.writeInt16(0x1234);
        out.writeInt32(0x01020304);
        out.writeInt64(0x0102030405060708L);
        assertArrayEquals(Bytes.of(0x34, 0x12, 0x04, 0x03, 0x02, 0x01, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01),
                out.toByteArray());
    }

    @Test
    void bigIntegersAreSignExtendedToTheirWidth() {
        RowBinaryOutput out = new RowBinaryOutput(0);
        out.writeBigInteger(BigInteger.valueOf(-2), 16);
        out.writeBigInteger(BigInteger.valueOf(258), 4);
        byte[] expected = new byte[20];
        java.util.Arrays.fill(expected, 0, 16, (byte) 0xFF);
        expected[0] = (byte) 0xFE;
        expected[16] = 0x02;
        expected[17] = 0x01;
        assertArrayEquals(expected, out.toByteArray());
    }

    @Test
    void growsBeyondItsInitialCapacity() throws Exception {
        RowBinaryOutput out = new RowBinaryOutput(1);
        for (int i = 0; i < 1000; i++) {
            out.writeInt32(i);
        }
        assertEquals(4000, out.size());
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        out.writeTo(streamed);
        assertArrayEquals(out.toByteArray(), streamed.toByteArray());
        assertArrayEquals(Bytes.int32(999), java.util.Arrays.copyOfRange(streamed.toByteArray(), 3996, 4000));
    }

    @Test
    void truncateDropsEverythingAfterTheMarkOnly() {
        RowBinaryOutput out = new RowBinaryOutput(0);
        out.writeInt32(7);
        int mark = out.size();
        out.writeString("half a row");
        out.truncate(mark);
        assertArrayEquals(Bytes.int32(7), out.toByteArray());
        out.writeByte(9);
        assertArrayEquals(Bytes.of(7, 0, 0, 0, 9), out.toByteArray());
    }

    @Test
    void truncateRefusesAMarkOutsideTheWrittenBytes() {
        RowBinaryOutput out = new RowBinaryOutput(0);
        out.writeByte(1);
        assertThrows(IllegalArgumentException.class, () -> out.truncate(2));
        assertThrows(IllegalArgumentException.class, () -> out.truncate(-1));
        assertEquals(1, out.size());
    }

    @Test
    void resetEmptiesTheBuffer() {
        RowBinaryOutput out = new RowBinaryOutput(0);
        out.writeInt64(1);
        out.reset();
        assertEquals(0, out.size());
        assertArrayEquals(new byte[0], out.toByteArray());
    }
}
