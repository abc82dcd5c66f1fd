package org.streamingetl.sink.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.streamingetl.sink.encode.Bytes.of;
import static org.streamingetl.sink.encode.Bytes.written;

import org.junit.jupiter.api.Test;

class FloatWritersTest {

    @Test
    void float32IsTheIeeeSinglePrecisionBitsLittleEndian() {
        assertArrayEquals(of(0x00, 0x00, 0x80, 0x3F), written(ValueWriters.float32(), 1.0d));
        assertArrayEquals(of(0xFF, 0xFF, 0x7F, 0x7F), written(ValueWriters.float32(), (double) Float.MAX_VALUE));
        assertArrayEquals(Bytes.int32(Float.floatToRawIntBits(-0.1f)), written(ValueWriters.float32(), (double) -0.1f));
    }

    @Test
    void float64IsTheIeeeDoublePrecisionBitsLittleEndian() {
        assertArrayEquals(of(0, 0, 0, 0, 0, 0, 0xF0, 0x3F), written(ValueWriters.float64(), 1.0d));
        assertArrayEquals(of(1, 0, 0, 0, 0, 0, 0, 0), written(ValueWriters.float64(), Double.MIN_VALUE));
        assertArrayEquals(Bytes.int64(Double.doubleToRawLongBits(-1.7976931348623157E308)),
                written(ValueWriters.float64(), -1.7976931348623157E308));
    }
}
