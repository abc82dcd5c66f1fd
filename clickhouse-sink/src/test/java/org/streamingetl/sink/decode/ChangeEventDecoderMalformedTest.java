package org.streamingetl.sink.decode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.streamingetl.sink.decode.Envelopes.ORDERS;
import static org.streamingetl.sink.decode.Envelopes.envelope;
import static org.streamingetl.sink.decode.Envelopes.utf8;

import org.junit.jupiter.api.Test;

/** Records that are not Debezium change events are refused with a message that says what is wrong. */
class ChangeEventDecoderMalformedTest {

    private final ChangeEventDecoder decoder = new ChangeEventDecoder();

    private String refusal(byte[] value) {
        return assertThrows(MalformedRecordException.class, () -> decoder.decode("shop.shop.orders", value)).getMessage();
    }

    private static void assertContains(String expected, String message) {
        assertTrue(message.contains(expected), "'" + expected + "' not in: " + message);
    }

    @Test
    void textThatIsNotJson() {
        assertTrue(refusal(utf8("id=1,status=new")).startsWith("not JSON"));
        assertTrue(refusal(utf8("{\"schema\": {")).startsWith("not JSON"));
    }

    @Test
    void jsonWithoutSchemaPointsAtTheConverterSetting() {
        assertContains("schemas.enable=true", refusal(utf8("{\"id\": 1, \"status\": \"new\"}")));
        assertContains("'schema'", refusal(utf8("{\"payload\": {\"op\": \"c\", \"after\": {\"id\": 1}}}")));
        assertContains("'payload'", refusal(utf8("{\"schema\": {\"type\": \"struct\", \"fields\": []}}")));
        assertContains("schemas.enable=true", refusal(utf8("[1, 2]")));
    }

    @Test
    void anUnknownOrMissingOpIsNamed() {
        assertContains("unknown Debezium op 'x'", refusal(envelope(ORDERS, "x", "null", "null")));
        assertContains("unknown Debezium op 'cu'", refusal(envelope(ORDERS, "cu", "null", "null")));
        assertContains("unknown Debezium op ''",
                refusal(utf8("{\"schema\": {\"type\": \"struct\", \"fields\": []}, \"payload\": {\"after\": null}}")));
    }

    @Test
    void anEnvelopeWithoutARowSchema() {
        assertContains("no 'before'/'after' row schema",
                refusal(utf8("{\"schema\": {\"type\": \"struct\", \"fields\": []}, \"payload\": {\"op\": \"c\"}}")));
    }

    @Test
    void aValueThatDoesNotMatchItsSchemaNamesTheColumn() {
        String message = refusal(envelope(ORDERS, "c", "null", "{\"id\": \"one\", \"status\": \"new\"}"));
        assertTrue(message.startsWith("column id"), message);
        String decimal = """
                {"type": "bytes", "optional": true, "name": "org.apache.kafka.connect.data.Decimal",
                 "parameters": {"scale": "2"}, "field": "amount"}""";
        assertContains("column amount", refusal(envelope(decimal, "c", "null", "{\"amount\": \"not base64!\"}")));
        assertContains("base64", refusal(envelope(decimal, "c", "null", "{\"amount\": \"not base64!\"}")));
    }

    @Test
    void anUnsupportedConnectTypeIsNamed() {
        String array = "{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"optional\": true, \"field\": \"tags\"}";
        assertContains("'array'", refusal(envelope(array, "c", "null", "{\"tags\": [\"a\"]}")));
    }
}
