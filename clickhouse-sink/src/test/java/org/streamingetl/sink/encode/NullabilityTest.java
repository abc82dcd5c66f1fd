package org.streamingetl.sink.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.streamingetl.sink.encode.Bytes.of;
import static org.streamingetl.sink.encode.Bytes.written;

import org.junit.jupiter.api.Test;

class NullabilityTest {

    @Test
    void nullableWritesOneForNullAndNothingElse() {
        assertArrayEquals(of(1), written(ValueWriters.nullable(ValueWriters.signed(4)), null));
    }

    @Test
    void nullableWritesZeroThenTheValue() {
        assertArrayEquals(of(0, 5, 0, 0, 0), written(ValueWriters.nullable(ValueWriters.signed(4)), 5L));
        assertArrayEquals(of(0, 2, 'h', 'i'), written(ValueWriters.nullable(ValueWriters.string()), "hi"));
    }

    @Test
    void notNullRefusesNullInsteadOfInventingADefault() {
        RowBinaryOutput out = new RowBinaryOutput(0);
        assertThrows(UnwritableValueException.class, () -> ValueWriters.notNull(ValueWriters.signed(4)).write(out, null));
        assertArrayEquals(new byte[0], out.toByteArray());
        assertArrayEquals(of(5, 0, 0, 0), written(ValueWriters.notNull(ValueWriters.signed(4)), 5L));
    }
}
