package org.streamingetl.sink.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Decodes one field of a Debezium row from its Kafka Connect JSON form into a canonical Java value, guided by the
 * field's Connect schema (type and logical name) — never by the value's looks. Reads straight from the parser
 * (positioned on the value's first token); only the rare structured values (variable-scale decimals, geometries)
 * are read into a tree.
 */
@FunctionalInterface
interface FieldDecoder {

    /** Decodes the value at the parser's current token, which is not {@code null}. */
    Object decodeValue(JsonParser p) throws IOException;

    /** Decodes the value at the parser's current token; JSON null gives null. */
    default Object decode(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : decodeValue(p);
    }

    ObjectMapper TREES = longStringMapper();

    /** A mapper for JSON column values of any length (see {@code RecordLimits.allowLongStringsByDefault}). */
    private static ObjectMapper longStringMapper() {
        org.streamingetl.common.kafka.RecordLimits.allowLongStringsByDefault();
        return new ObjectMapper();
    }

    static FieldDecoder forSchema(JsonNode fieldSchema) {
        String type = fieldSchema.path("type").asText();
        String name = fieldSchema.path("name").asText("");
        JsonNode parameters = fieldSchema.path("parameters");
        return switch (name) {
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> p -> LocalDate.ofEpochDay(integer(p));
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" -> p -> fromEpoch(integer(p), 1_000_000L);
            case "io.debezium.time.MicroTimestamp" -> p -> fromEpoch(integer(p), 1_000L);
            case "io.debezium.time.NanoTimestamp" -> p -> fromEpoch(integer(p), 1L);
            case "io.debezium.time.ZonedTimestamp" -> p -> IsoInstant.parse(text(p));
            case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time" -> p -> Duration.ofMillis(integer(p));
            case "io.debezium.time.MicroTime" -> p -> Duration.ofNanos(Math.multiplyExact(integer(p), 1_000L));
            case "io.debezium.time.NanoTime" -> p -> Duration.ofNanos(integer(p));
            case "org.apache.kafka.connect.data.Decimal" -> decimal(parameters.path("scale").asInt(0));
            case "io.debezium.data.VariableScaleDecimal" -> p -> {
                JsonNode v = tree(p);
                return new BigDecimal(new BigInteger(bytes(v.path("value").asText())), v.path("scale").asInt());
            };
            case "io.debezium.data.geometry.Geometry", "io.debezium.data.geometry.Point",
                 "io.debezium.data.geometry.Geography" -> p -> bytes(tree(p).path("wkb").asText());
            default -> primitive(type);
        };
    }

    private static FieldDecoder primitive(String type) {
        return switch (type) {
            case "int8", "int16", "int32", "int64" -> FieldDecoder::integer;
            case "float", "double", "float32", "float64" -> p -> {
                if (!p.currentToken().isNumeric()) {
                    throw new MalformedRecordException("expected a number, got " + describe(p));
                }
                return p.getDoubleValue();
            };
            case "boolean" -> p -> switch (p.currentToken()) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> throw new MalformedRecordException("expected a boolean, got " + describe(p));
            };
            case "string" -> FieldDecoder::text;
            case "bytes" -> p -> bytes(text(p));
            default -> throw new MalformedRecordException("unsupported Connect schema type '" + type + "'");
        };
    }

    /** Connect's Decimal: base64 of the unscaled two's complement bytes, or a JSON number (decimal.format=NUMERIC). */
    private static FieldDecoder decimal(int scale) {
        return p -> p.currentToken().isNumeric() ? p.getDecimalValue()
                : new BigDecimal(new BigInteger(bytes(text(p))), scale);
    }

    private static long integer(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new MalformedRecordException("expected an integer, got " + describe(p));
        }
        return p.getLongValue();
    }

    private static String text(JsonParser p) throws IOException {
        if (!p.currentToken().isScalarValue()) {
            throw new MalformedRecordException("expected a scalar value, got " + describe(p));
        }
        return p.getText();
    }

    private static JsonNode tree(JsonParser p) throws IOException {
        return TREES.readTree(p);
    }

    private static byte[] bytes(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("bytes field is not base64: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token.isScalarValue()) {
            return p.getText();
        }
        p.skipChildren();
        return token == JsonToken.START_ARRAY ? "an array" : "an object";
    }

    private static LocalDateTime fromEpoch(long units, long nanosPerUnit) {
        long perSecond = 1_000_000_000L / nanosPerUnit;
        long seconds = Math.floorDiv(units, perSecond);
        long nanos = Math.floorMod(units, perSecond) * nanosPerUnit;
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }
}
