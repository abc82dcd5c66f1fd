package org.streamingetl.sink.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Decodes one field of a Debezium row from its Kafka Connect JSON form into a canonical Java value, guided by the
 * field's Connect schema (type and logical name) — never by the value's looks.
 */
@FunctionalInterface
interface FieldDecoder {

    Object decode(JsonNode value);

    static FieldDecoder forSchema(JsonNode fieldSchema) {
        String type = fieldSchema.path("type").asText();
        String name = fieldSchema.path("name").asText("");
        JsonNode parameters = fieldSchema.path("parameters");
        FieldDecoder decoder = switch (name) {
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> v -> LocalDate.ofEpochDay(v.asLong());
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" -> v -> fromEpoch(v.asLong(), 1_000_000L);
            case "io.debezium.time.MicroTimestamp" -> v -> fromEpoch(v.asLong(), 1_000L);
            case "io.debezium.time.NanoTimestamp" -> v -> fromEpoch(v.asLong(), 1L);
            case "io.debezium.time.ZonedTimestamp" -> v -> parseInstant(v.asText());
            case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time" -> v -> Duration.ofMillis(v.asLong());
            case "io.debezium.time.MicroTime" -> v -> Duration.ofNanos(Math.multiplyExact(v.asLong(), 1_000L));
            case "io.debezium.time.NanoTime" -> v -> Duration.ofNanos(v.asLong());
            case "org.apache.kafka.connect.data.Decimal" -> decimal(parameters.path("scale").asInt(0));
            case "io.debezium.data.VariableScaleDecimal" -> v -> new BigDecimal(
                    new BigInteger(bytes(v.path("value"))), v.path("scale").asInt());
            case "io.debezium.data.geometry.Geometry", "io.debezium.data.geometry.Point",
                 "io.debezium.data.geometry.Geography" -> v -> bytes(v.path("wkb"));
            default -> primitive(type);
        };
        return value -> value == null || value.isNull() ? null : decoder.decode(value);
    }

    private static FieldDecoder primitive(String type) {
        return switch (type) {
            case "int8", "int16", "int32", "int64" -> v -> {
                if (!v.canConvertToLong()) {
                    throw new MalformedRecordException("expected an integer, got " + v);
                }
                return v.asLong();
            };
            case "float", "double", "float32", "float64" -> v -> {
                if (!v.isNumber()) {
                    throw new MalformedRecordException("expected a number, got " + v);
                }
                return v.asDouble();
            };
            case "boolean" -> JsonNode::asBoolean;
            case "string" -> JsonNode::asText;
            case "bytes" -> FieldDecoder::bytes;
            default -> throw new MalformedRecordException("unsupported Connect schema type '" + type + "'");
        };
    }

    /** Connect's Decimal: base64 of the unscaled two's complement bytes, or a JSON number (decimal.format=NUMERIC). */
    private static FieldDecoder decimal(int scale) {
        return v -> v.isNumber() ? v.decimalValue() : new BigDecimal(new BigInteger(bytes(v)), scale);
    }

    private static byte[] bytes(JsonNode v) {
        try {
            return Base64.getDecoder().decode(v.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("bytes field is not base64: " + e.getMessage(), e);
        }
    }

    private static LocalDateTime fromEpoch(long units, long nanosPerUnit) {
        long perSecond = 1_000_000_000L / nanosPerUnit;
        long seconds = Math.floorDiv(units, perSecond);
        long nanos = Math.floorMod(units, perSecond) * nanosPerUnit;
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    private static Instant parseInstant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
