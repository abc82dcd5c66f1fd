package org.streamingetl.sink.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.streamingetl.sink.encode.Bytes.of;
import static org.streamingetl.sink.encode.Bytes.written;

import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StringWriterTest {

    @Test
    void textIsItsUtf8BytesAfterTheirLength() {
        // "a🚀": 'a' plus the 4-byte UTF-8 sequence F0 9F 9A 80 of U+1F680
        assertArrayEquals(of(5, 'a', 0xF0, 0x9F, 0x9A, 0x80), written(ValueWriters.string(), "a\uD83D\uDE80"));
        assertArrayEquals(of(2, 0xC3, 0xAB), written(ValueWriters.string(), "ë"));
        assertArrayEquals(of(0), written(ValueWriters.string(), ""));
    }

    @Test
    void bytesAreWrittenExactlyIncludingEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] out = written(ValueWriters.string(), all);
        assertEquals(258, out.length);
        assertArrayEquals(of(0x80, 0x02), Arrays.copyOf(out, 2));
        assertArrayEquals(all, Arrays.copyOfRange(out, 2, out.length));
    }

    @Test
    void aLengthAbove127TakesATwoByteVarint() {
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) 'x');
        byte[] out = written(ValueWriters.string(), value);
        assertEquals(302, out.length);
        assertArrayEquals(of(0xAC, 0x02), Arrays.copyOf(out, 2));
        assertArrayEquals(of(127), Arrays.copyOf(written(ValueWriters.string(), new byte[127]), 1));
        assertEquals(130, written(ValueWriters.string(), new byte[128]).length);
    }

    @Test
    void aWideDecimalOnAnOldServerIsItsPlainText() {
        assertArrayEquals(of(4, '-', '0', '.', '5'), written(ValueWriters.string(), new BigDecimal("-5E-1")));
        assertArrayEquals(of(3, '1', '0', '0'), written(ValueWriters.string(), new BigDecimal("1E+2")));
    }
}
