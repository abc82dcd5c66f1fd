package org.streamingetl.sink.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T08:15:30Z", "2026-11-25T08:15:30.1Z", "2026-11-25T08:15:30.123456Z",
            "2026-11-25T08:15:30.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z",
            "2038-01-19T03:14:07.499999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
            "2024-02-29T12:00:00.000001Z", "2026-11-25T08:15:30+02:00", "2026-11-25T08:15:30.5-05:30",
            "+10000-01-01T00:00:00Z"})
    void equalsTheGeneralParser(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant(), IsoInstant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25 08:15:30Z", "yesterday",
            "2026-11-25T08:15:30.1234567890Z"})
    void refusesWhatIsNotATimestamp(String text) {
        assertThrows(MalformedRecordException.class, () -> IsoInstant.parse(text));
    }
}
