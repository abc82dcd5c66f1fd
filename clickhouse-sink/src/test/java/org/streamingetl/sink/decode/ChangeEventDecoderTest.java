package org.streamingetl.sink.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEventDecoderTest {

    private final ChangeEventDecoder decoder = new ChangeEventDecoder();

    /** A Debezium envelope as Kafka Connect's JsonConverter (schemas.enable=true) writes it. */
    private static byte[] envelope(String op, String before, String after) {
        String row = """
                {"type":"struct","optional":true,"name":"p.db.t.Value","field":"%s","fields":[
                  {"type":"int32","optional":false,"field":"id"},
                  {"type":"int32","optional":true,"name":"io.debezium.time.Date","field":"d"},
                  {"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","field":"dt"},
                  {"type":"int64","optional":true,"name":"io.debezium.time.Timestamp","field":"dt3"},
                  {"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","field":"ts"},
                  {"type":"int64","optional":true,"name":"io.debezium.time.MicroTime","field":"tm"},
                  {"type":"int32","optional":true,"name":"io.debezium.time.Year","field":"y"},
                  {"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal",
                   "parameters":{"scale":"2","connect.decimal.precision":"12"},"field":"amount"},
                  {"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal",
                   "parameters":{"scale":"0"},"field":"big"},
                  {"type":"bytes","optional":true,"name":"io.debezium.data.Bits","parameters":{"length":"64"},"field":"bits"},
                  {"type":"bytes","optional":true,"field":"raw"},
                  {"type":"float","optional":true,"field":"f"},
                  {"type":"double","optional":true,"field":"dbl"},
                  {"type":"string","optional":true,"field":"s"}]}""";
        String json = "{\"schema\":{\"type\":\"struct\",\"fields\":[" + row.formatted("before") + "," + row.formatted("after")
                + ",{\"type\":\"string\",\"optional\":false,\"field\":\"op\"}],\"name\":\"p.db.t.Envelope\"},"
                + "\"payload\":{\"before\":" + before + ",\"after\":" + after + ",\"op\":\"" + op + "\",\"ts_ms\":1}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void decodesEveryLogicalTypeByItsSchema() {
        String amount = b64(BigInteger.valueOf(-1250).toByteArray());
        String big = b64(new BigInteger("18446744073709551615").toByteArray());
        String after = "{\"id\":1,\"d\":-1,\"dt\":-1,\"dt3\":1001,\"ts\":\"2038-01-19T03:14:07.999999Z\",\"tm\":-3020399000000,"
                + "\"y\":2155,\"amount\":\"" + amount + "\",\"big\":\"" + big + "\",\"bits\":\"" + b64(new byte[] {10, 1})
                + "\",\"raw\":\"" + b64(new byte[] {0, (byte) 255}) + "\",\"f\":3.4028235E38,\"dbl\":4.9E-324,\"s\":\"Zoë 🚀\"}";
        ChangeEvent event = decoder.decode("p.db.t", envelope("c", "null", after));

        assertEquals('c', event.op());
        assertNull(event.before());
        Map<String, Object> row = event.after();
        assertEquals(1L, row.get("id"));
        assertEquals(LocalDate.of(1969, 12, 31), row.get("d"));
        assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), row.get("dt"));
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 1_000_000), row.get("dt3"));
        assertEquals(Instant.parse("2038-01-19T03:14:07.999999Z"), row.get("ts"));
        assertEquals(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), row.get("tm"));
        assertEquals(2155L, row.get("y"));
        assertEquals(new BigDecimal("-12.50"), row.get("amount"));
        assertEquals(new BigDecimal("18446744073709551615"), row.get("big"));
        assertArrayEquals(new byte[] {10, 1}, (byte[]) row.get("bits"));
        assertArrayEquals(new byte[] {0, (byte) 255}, (byte[]) row.get("raw"));
        assertEquals(3.4028235E38, (Double) row.get("f"), 1e31);
        assertEquals(4.9E-324, row.get("dbl"));
        assertEquals("Zoë 🚀", row.get("s"));
    }

    @Test
    void deletesCarryTheBeforeImageAndNullsStayNull() {
        String before = "{\"id\":7,\"d\":null,\"dt\":null,\"dt3\":null,\"ts\":null,\"tm\":null,\"y\":null,\"amount\":null,"
                + "\"big\":null,\"bits\":null,\"raw\":null,\"f\":null,\"dbl\":null,\"s\":null}";
        ChangeEvent event = decoder.decode("p.db.t", envelope("d", before, "null"));
        assertTrue(event.isDelete());
        assertEquals(7L, event.image().get("id"));
        assertTrue(event.image().containsKey("s"));
        assertNull(event.image().get("s"));
    }

    @Test
    void aTombstoneIsNothingToWrite() {
        assertNull(decoder.decode("p.db.t", null));
    }

    @Test
    void malformedRecordsSayWhatIsWrong() {
        assertTrue(assertThrows(MalformedRecordException.class,
                () -> decoder.decode("t", "not json".getBytes(StandardCharsets.UTF_8))).getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(MalformedRecordException.class,
                () -> decoder.decode("t", "{\"id\":1}".getBytes(StandardCharsets.UTF_8))).getMessage()
                .contains("schemas.enable=true"));
        assertTrue(assertThrows(MalformedRecordException.class,
                () -> decoder.decode("t", envelope("x", "null", "null"))).getMessage().contains("unknown Debezium op 'x'"));
        String badInt = "{\"id\":\"one\",\"d\":null,\"dt\":null,\"dt3\":null,\"ts\":null,\"tm\":null,\"y\":null,"
                + "\"amount\":null,\"big\":null,\"bits\":null,\"raw\":null,\"f\":null,\"dbl\":null,\"s\":null}";
        assertTrue(assertThrows(MalformedRecordException.class,
                () -> decoder.decode("t", envelope("c", "null", badInt))).getMessage().startsWith("column id"));
    }
}
