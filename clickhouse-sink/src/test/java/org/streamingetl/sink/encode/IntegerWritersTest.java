package org.streamingetl.sink.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.streamingetl.sink.encode.Bytes.of;
import static org.streamingetl.sink.encode.Bytes.written;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class IntegerWritersTest {

    private static final byte[] EIGHT_FF = of(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);

    @Test
    void signedMinimaAndMaximaAreLittleEndianTwosComplement() {
        assertArrayEquals(of(0x80), written(ValueWriters.signed(1), -128L));
        assertArrayEquals(of(0x7F), written(ValueWriters.signed(1), 127L));
        assertArrayEquals(of(0x00, 0x80), written(ValueWriters.signed(2), -32768L));
        assertArrayEquals(of(0xFF, 0x7F), written(ValueWriters.signed(2), 32767L));
        assertArrayEquals(of(0x00, 0x00, 0x00, 0x80), written(ValueWriters.signed(4), (long) Integer.MIN_VALUE));
        assertArrayEquals(of(0xFF, 0xFF, 0xFF, 0x7F), written(ValueWriters.signed(4), (long) Integer.MAX_VALUE));
        assertArrayEquals(of(0, 0, 0, 0, 0, 0, 0, 0x80), written(ValueWriters.signed(8), Long.MIN_VALUE));
        assertArrayEquals(of(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F), written(ValueWriters.signed(8), Long.MAX_VALUE));
        assertArrayEquals(EIGHT_FF, written(ValueWriters.signed(8), -1L));
    }

    @Test
    void signedValuesOutsideTheWidthAreRefused() {
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.signed(1), 128L));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.signed(1), -129L));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.signed(2), 32768L));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.signed(4), 2147483648L));
        assertThrows(UnwritableValueException.class,
                () -> written(ValueWriters.signed(8), new BigInteger("9223372036854775808")));
    }

    @Test
    void unsignedMaximaUseEveryBit() {
        assertArrayEquals(of(0xFF), written(ValueWriters.unsigned(1), 255L));
        assertArrayEquals(of(0xFF, 0xFF), written(ValueWriters.unsigned(2), 65535L));
        assertArrayEquals(of(0xFF, 0xFF, 0xFF, 0xFF), written(ValueWriters.unsigned(4), 4294967295L));
        assertArrayEquals(of(0, 0, 0, 0), written(ValueWriters.unsigned(4), 0L));
    }

    @Test
    void bigintUnsignedMaximumSurvivesFromBigDecimalAndBigInteger() {
        assertArrayEquals(EIGHT_FF, written(ValueWriters.unsigned(8), new BigDecimal("18446744073709551615")));
        assertArrayEquals(EIGHT_FF, written(ValueWriters.unsigned(8), new BigInteger("18446744073709551615")));
        assertArrayEquals(of(0, 0, 0, 0, 0, 0, 0, 0x80),
                written(ValueWriters.unsigned(8), new BigDecimal("9223372036854775808")));
    }

    @Test
    void unsignedValuesOutsideTheWidthOrNegativeAreRefused() {
        UnwritableValueException e = assertThrows(UnwritableValueException.class,
                () -> written(ValueWriters.unsigned(1), 256L));
        assertTrue(e.getMessage().contains("256") && e.getMessage().contains("UInt8"), e.getMessage());
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.unsigned(1), -1L));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.unsigned(4), -1L));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.unsigned(8), new BigDecimal("-1")));
        assertThrows(UnwritableValueException.class,
                () -> written(ValueWriters.unsigned(8), new BigInteger("18446744073709551616")));
    }

    @Test
    void integersAreNeverRoundedFromFractionsOrParsedFromText() {
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.signed(4), new BigDecimal("1.5")));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.unsigned(8), new BigDecimal("1.5")));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.signed(2), "12"));
        assertThrows(UnwritableValueException.class, () -> written(ValueWriters.signed(2), 1.0d));
        assertArrayEquals(of(2), written(ValueWriters.signed(1), new BigDecimal("2.000")));
    }

    @Test
    void bitsArriveAsLittleEndianBytesAndBit1AsBoolean() {
        assertArrayEquals(of(0x0A, 0x01, 0, 0, 0, 0, 0, 0), written(ValueWriters.unsigned(8), of(0x0A, 0x01)));
        assertArrayEquals(EIGHT_FF, written(ValueWriters.unsigned(8), EIGHT_FF));
        assertArrayEquals(of(1), written(ValueWriters.unsigned(1), Boolean.TRUE));
        assertArrayEquals(of(0), written(ValueWriters.unsigned(1), Boolean.FALSE));
    }
}
