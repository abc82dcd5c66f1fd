package org.streamingetl.sink.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.streamingetl.sink.decode.Envelopes.envelope;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each value is decoded by its Connect schema (type and logical name), as Debezium 2.x sends MySQL types. */
class ChangeEventDecoderLogicalTypesTest {

    private final ChangeEventDecoder decoder = new ChangeEventDecoder();

    /** The after image of an insert of a one-column row. */
    private Object decode(String fieldSchema, String jsonValue) {
        Map<String, Object> after = decoder.decode("shop.shop.t",
                envelope(fieldSchema, "c", "null", "{\"v\": " + jsonValue + "}")).after();
        return after.get("v");
    }

    private static String b64(byte[] bytes) {
        return "\"" + Base64.getEncoder().encodeToString(bytes) + "\"";
    }

    @Test
    void dateIsDaysSinceTheEpoch() {
        String schema = """
                {"type": "int32", "optional": true, "name": "io.debezium.time.Date", "version": 1, "field": "v"}""";
        assertEquals(LocalDate.of(2024, 2, 29), decode(schema, "19782"));
        assertEquals(LocalDate.of(1, 1, 1), decode(schema, "-719162"));
    }

    @Test
    void datetimeIsMillisOrMicrosSinceTheEpochAsLocalTime() {
        String micro = """
                {"type": "int64", "optional": true, "name": "io.debezium.time.MicroTimestamp", "version": 1, "field": "v"}""";
        String milli = """
                {"type": "int64", "optional": true, "name": "io.debezium.time.Timestamp", "version": 1, "field": "v"}""";
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000), decode(micro, "1709251199123456"));
        assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), decode(micro, "-1"));
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 1_000_000), decode(milli, "1001"));
        assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000), decode(milli, "-1"));
    }

    @Test
    void timestampIsAnInstantFromItsZonedText() {
        String schema = """
                {"type": "string", "optional": true, "name": "io.debezium.time.ZonedTimestamp", "version": 1, "field": "v"}""";
        assertEquals(Instant.parse("2038-01-19T03:14:07.999999Z"), decode(schema, "\"2038-01-19T03:14:07.999999Z\""));
        assertEquals(Instant.parse("2024-02-29T22:00:00Z"), decode(schema, "\"2024-02-29T23:00:00+01:00\""));
    }

    @Test
    void timeIsASignedDurationOfMicroseconds() {
        String schema = """
                {"type": "int64", "optional": true, "name": "io.debezium.time.MicroTime", "version": 1, "field": "v"}""";
        assertEquals(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), decode(schema, "-3020399000000"));
        assertEquals(Duration.ofNanos(-1000), decode(schema, "-1"));
        assertEquals(Duration.ofHours(838).plusMinutes(59).plusSeconds(59).plusNanos(999_999_000),
                decode(schema, "3020399999999"));
    }

    @Test
    void yearIsItsNumber() {
        assertEquals(2155L, decode("""
                {"type": "int32", "optional": true, "name": "io.debezium.time.Year", "version": 1, "field": "v"}""", "2155"));
    }

    @Test
    void decimalIsTheBase64UnscaledValueAtTheSchemasScale() {
        String schema = """
                {"type": "bytes", "optional": true, "name": "org.apache.kafka.connect.data.Decimal", "version": 1,
                 "parameters": {"scale": "2", "connect.decimal.precision": "10"}, "field": "v"}""";
        String hundredThousand = b64(BigInteger.valueOf(10_000_000).toByteArray());
        assertEquals("\"AJiWgA==\"", hundredThousand);
        assertEquals(new BigDecimal("100000.00"), decode(schema, hundredThousand));
        assertEquals(new BigDecimal("-12.50"), decode(schema, b64(BigInteger.valueOf(-1250).toByteArray())));
        String wide = """
                {"type": "bytes", "optional": true, "name": "org.apache.kafka.connect.data.Decimal", "version": 1,
                 "parameters": {"scale": "30", "connect.decimal.precision": "65"}, "field": "v"}""";
        BigDecimal min = new BigDecimal("-" + "9".repeat(35) + "." + "9".repeat(30));
        assertEquals(min, decode(wide, b64(min.unscaledValue().toByteArray())));
    }

    @Test
    void bigintUnsignedMaximumArrivesAsADecimalOfScaleZero() {
        String schema = """
                {"type": "bytes", "optional": false, "name": "org.apache.kafka.connect.data.Decimal", "version": 1,
                 "parameters": {"scale": "0", "connect.decimal.precision": "20"}, "field": "v"}""";
        BigInteger max = new BigInteger("18446744073709551615");
        assertEquals(new BigDecimal(max), decode(schema, b64(max.toByteArray())));
    }

    @Test
    void bitsAndBinaryAreTheirBytes() {
        String bits = """
                {"type": "bytes", "optional": true, "name": "io.debezium.data.Bits", "version": 1,
                 "parameters": {"length": "64"}, "field": "v"}""";
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(new byte[] {10, 1, 0, 0, 0, 0, 0, (byte) 0x80},
                (byte[]) decode(bits, b64(new byte[] {10, 1, 0, 0, 0, 0, 0, (byte) 0x80})));
        assertArrayEquals(all, (byte[]) decode("{\"type\": \"bytes\", \"optional\": true, \"field\": \"v\"}", b64(all)));
        assertEquals(true, decode("{\"type\": \"boolean\", \"optional\": true, \"field\": \"v\"}", "true"));
    }

    @Test
    void integersFloatsAndTextArePrimitive() {
        assertEquals(Long.MIN_VALUE, decode("{\"type\": \"int64\", \"optional\": true, \"field\": \"v\"}", "-9223372036854775808"));
        assertEquals(-128L, decode("{\"type\": \"int16\", \"optional\": true, \"field\": \"v\"}", "-128"));
        assertEquals(0.1d, decode("{\"type\": \"double\", \"optional\": true, \"field\": \"v\"}", "0.1"));
        // a FLOAT arrives as the shortest decimal text of the float; the double read narrows back to it exactly
        Object f = decode("{\"type\": \"float\", \"optional\": true, \"field\": \"v\"}", "3.4028235E38");
        assertEquals(Float.MAX_VALUE, ((Double) f).floatValue());
        assertEquals(-0.1f, ((Double) decode("{\"type\": \"float\", \"optional\": true, \"field\": \"v\"}", "-0.1")).floatValue());
        assertEquals("Zoë \uD83D\uDE80 \"quoted\"",
                decode("{\"type\": \"string\", \"optional\": true, \"field\": \"v\"}", "\"Zoë \uD83D\uDE80 \\\"quoted\\\"\""));
    }

    @Test
    void geometryIsItsWkbBytes() {
        String schema = """
                {"type": "struct", "fields": [
                   {"type": "bytes", "optional": false, "field": "wkb"},
                   {"type": "int32", "optional": true, "field": "srid"}],
                 "optional": true, "name": "io.debezium.data.geometry.Geometry", "version": 1, "field": "v"}""";
        byte[] wkb = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40};
        assertArrayEquals(wkb, (byte[]) decode(schema, "{\"wkb\": " + b64(wkb) + ", \"srid\": null}"));
    }

    @Test
    void nullIsNullWhateverTheType() {
        assertEquals(null, decode("""
                {"type": "bytes", "optional": true, "name": "org.apache.kafka.connect.data.Decimal",
                 "parameters": {"scale": "2"}, "field": "v"}""", "null"));
        assertEquals(null, decode("""
                {"type": "int64", "optional": true, "name": "io.debezium.time.MicroTime", "field": "v"}""", "null"));
    }
}
