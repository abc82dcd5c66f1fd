package org.streamingetl.sink.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.streamingetl.sink.encode.Bytes.of;
import static org.streamingetl.sink.encode.Bytes.written;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DecimalWriterTest {

    /** The unscaled value as a little-endian two's complement integer of {@code bytes} bytes. */
    private static byte[] unscaled(String unscaled, int bytes) {
        byte[] be = new BigInteger(unscaled).toByteArray();
        byte[] le = new byte[bytes];
        Arrays.fill(le, (byte) (unscaled.startsWith("-") ? 0xFF : 0));
        for (int i = 0; i < be.length && i < bytes; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    @Test
    void widthFollowsPrecisionLikeClickHouseDecimal32To256() {
        assertEquals(4, written(ValueWriters.decimal(9, 2), BigDecimal.ONE).length);
        assertEquals(8, written(ValueWriters.decimal(10, 2), BigDecimal.ONE).length);
        assertEquals(8, written(ValueWriters.decimal(18, 4), BigDecimal.ONE).length);
        assertEquals(16, written(ValueWriters.decimal(19, 0), BigDecimal.ONE).length);
        assertEquals(16, written(ValueWriters.decimal(38, 10), BigDecimal.ONE).length);
        assertEquals(32, written(ValueWriters.decimal(39, 0), BigDecimal.ONE).length);
        assertEquals(32, written(ValueWriters.decimal(65, 30), BigDecimal.ONE).length);
    }

    @Test
    void theUnscaledValueIsWrittenPaddedToTheScale() {
        assertArrayEquals(of(0xE2, 0x04, 0, 0), written(ValueWriters.decimal(9, 2), new BigDecimal("12.5")));
        assertArrayEquals(unscaled("12345678901234", 8), written(ValueWriters.decimal(18, 4), new BigDecimal("1234567890.1234")));
        assertArrayEquals(unscaled("1" + "0".repeat(10), 16), written(ValueWriters.decimal(38, 10), new BigDecimal("1")));
    }

    @Test
    void negativesAreTwosComplementAcrossTheWholeWidth() {
        assertArrayEquals(of(0x1E, 0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
                written(ValueWriters.decimal(10, 2), new BigDecimal("-12.50")));
        assertArrayEquals(unscaled("-99999999999999999999999999999999999999", 16),
                written(ValueWriters.decimal(38, 10), new BigDecimal("-9999999999999999999999999999.9999999999")));
        byte[] minusTinyest = new byte[32];
        Arrays.fill(minusTinyest, (byte) 0xFF);
        assertArrayEquals(minusTinyest, written(ValueWriters.decimal(65, 30), new BigDecimal("-1E-30")));
        String max65 = "9".repeat(65);
        assertArrayEquals(unscaled("-" + max65, 32),
                written(ValueWriters.decimal(65, 30), new BigDecimal("-" + max65.substring(0, 35) + "." + max65.substring(35))));
    }

    @Test
    void moreDecimalsThanTheScaleAreRefusedNotRounded() {
        UnwritableValueException e = assertThrows(UnwritableValueException.class,
                () -> written(ValueWriters.decimal(10, 2), new BigDecimal("1.005")));
        assertTrue(e.getMessage().contains("1.005"), e.getMessage());
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.decimal(10, 0), new BigDecimal("0.1")));
        // trailing zeros beyond the scale lose nothing
        assertArrayEquals(of(0x64, 0, 0, 0, 0, 0, 0, 0), written(ValueWriters.decimal(10, 2), new BigDecimal("1.0000")));
    }

    @Test
    void valuesBeyondThePrecisionAreRefused() {
        assertArrayEquals(unscaled("9999999999", 8), written(ValueWriters.decimal(10, 2), new BigDecimal("99999999.99")));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.decimal(10, 2), new BigDecimal("100000000.00")));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.decimal(10, 2), new BigDecimal("-100000000")));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.decimal(4, 2), new BigDecimal("100")));
    }

    @Test
    void decimalTextIsReadExactlyAndGarbageRefused() {
        assertArrayEquals(of(0x39, 0x30, 0, 0), written(ValueWriters.decimal(9, 2), "123.45"));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.decimal(9, 2), "12,5"));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.decimal(9, 2), 1.5d));
    }
}
