package org.streamingetl.enricher.streams;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import org.streamingetl.enricher.definition.EnrichmentDefinition.Filter;

/**
 * Evaluates a definition's filter on an output row. Numbers compare as numbers (Debezium's precise DECIMAL, base64
 * bytes with a scale, included), text as text; a NULL value matches only {@code IS NULL}, as in SQL.
 */
public final class FilterPredicate {

    private final Filter filter;

    public FilterPredicate(Filter filter) {
        this.filter = filter;
    }

    public boolean test(JsonNode row) {
        JsonNode value = row.path("v").get(filter.column());
        boolean isNull = value == null || value.isNull();
        switch (filter.op()) {
            case "IS NULL":
                return isNull;
            case "IS NOT NULL":
                return !isNull;
            default:
                if (isNull) {
                    return false;
                }
        }
        int comparison = compare(value, row.path("s").path(filter.column()), unquote(filter.literal()));
        return switch (filter.op()) {
            case "=" -> comparison == 0;
            case "!=" -> comparison != 0;
            case "<" -> comparison < 0;
            case "<=" -> comparison <= 0;
            case ">" -> comparison > 0;
            case ">=" -> comparison >= 0;
            default -> throw new IllegalStateException("unknown filter operator " + filter.op());
        };
    }

    private static int compare(JsonNode value, JsonNode schema, String literal) {
        BigDecimal number = number(value, schema);
        if (number != null) {
            try {
                return number.compareTo(new BigDecimal(literal));
            } catch (NumberFormatException e) {
                return value.asText().compareTo(literal);
            }
        }
        return value.asText().compareTo(literal);
    }

    private static BigDecimal number(JsonNode value, JsonNode schema) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if ("org.apache.kafka.connect.data.Decimal".equals(schema.path("name").asText()) && value.isTextual()) {
            int scale = schema.path("parameters").path("scale").asInt(0);
            return new BigDecimal(new BigInteger(Base64.getDecoder().decode(value.asText())), scale);
        }
        return null;
    }

    private static String unquote(String literal) {
        if (literal.length() >= 2 && (literal.startsWith("'") && literal.endsWith("'")
                || literal.startsWith("\"") && literal.endsWith("\""))) {
            return literal.substring(1, literal.length() - 1);
        }
        return literal;
    }
}
