package org.streamingetl.enricher.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamingetl.enricher.definition.DefinitionValidatorTest;
import org.streamingetl.enricher.definition.EnrichmentDefinition.Filter;
import org.streamingetl.enricher.definition.EnrichmentPlan;

/** Debezium events in, enriched envelopes out. */
class RowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] event(String op, String before, String after) {
        String schema = "{\"type\": \"struct\", \"fields\": [{\"field\": \"before\", \"type\": \"struct\", \"fields\": ["
                + "{\"field\": \"id\", \"type\": \"int64\", \"optional\": false},"
                + "{\"field\": \"amount\", \"type\": \"bytes\", \"optional\": true, \"name\": \"org.apache.kafka.connect.data.Decimal\", \"parameters\": {\"scale\": \"2\"}}]},"
                + "{\"field\": \"after\", \"type\": \"struct\", \"fields\": ["
                + "{\"field\": \"id\", \"type\": \"int64\", \"optional\": false},"
                + "{\"field\": \"amount\", \"type\": \"bytes\", \"optional\": true, \"name\": \"org.apache.kafka.connect.data.Decimal\", \"parameters\": {\"scale\": \"2\"}}]},"
                + "{\"field\": \"op\", \"type\": \"string\"}]}";
        return ("{\"schema\": " + schema + ", \"payload\": {\"before\": " + before + ", \"after\": " + after
                + ", \"op\": \"" + op + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void changesBecomeKeyedRowsOrDeletes() throws Exception {
        ChangeRows.Change insert = ChangeRows.change(event("c", "null", "{\"id\": 5, \"amount\": \"ATk=\"}"), List.of("id"));
        assertEquals("[5]", insert.key());
        assertEquals("ATk=", insert.row().path("v").path("amount").asText(), "values pass through untouched");
        assertEquals("org.apache.kafka.connect.data.Decimal", insert.row().path("s").path("amount").path("name").asText());

        ChangeRows.Change delete = ChangeRows.change(event("d", "{\"id\": 5, \"amount\": null}", "null"), List.of("id"));
        assertEquals("[5]", delete.key());
        assertNull(delete.row());
        assertNull(ChangeRows.change(null, List.of("id")), "a tombstone after a delete changes nothing");
        assertNull(ChangeRows.change(event("t", "null", "null"), List.of("id")));
    }

    @Test
    void anIntAndABigintOfTheSameValueGiveTheSameKey() {
        assertEquals("[5]", ChangeRows.key(List.of(JSON.getNodeFactory().numberNode(5))));
        assertEquals("[5]", ChangeRows.key(List.of(JSON.getNodeFactory().numberNode(5L))));
        assertNull(ChangeRows.key(java.util.Arrays.asList((JsonNode) null)), "a NULL foreign key matches nothing");
    }

    @Test
    void outputEnvelopesCarryRenamedColumnsAndDeletesCarryTheKey() throws Exception {
        EnrichmentPlan plan = DefinitionValidatorTest.VALIDATOR.validate(DefinitionValidatorTest.definition(
                DefinitionValidatorTest.VALID));
        OutputRows rows = new OutputRows(plan);
        ObjectNode joined = JSON.createObjectNode();
        joined.set("orders", ChangeRows.change(event("c", "null", "{\"id\": 5, \"amount\": \"ATk=\"}"), List.of("id")).row());
        joined.set("customers", JSON.nullNode());
        ObjectNode out = rows.project(joined);
        assertEquals(5, out.path("v").path("order_id").asInt());
        assertTrue(out.path("v").path("customer_name").isNull(), "no customer: NULL, as a LEFT JOIN gives");
        assertFalse(out.path("s").path("order_id").path("optional").asBoolean());

        JsonNode upsert = JSON.readTree(rows.upsert(out));
        assertEquals("c", upsert.path("payload").path("op").asText());
        assertEquals("ATk=", upsert.path("payload").path("after").path("amount").asText());
        JsonNode delete = JSON.readTree(rows.delete("[5]"));
        assertEquals("d", delete.path("payload").path("op").asText());
        assertEquals(5, delete.path("payload").path("before").path("order_id").asInt());
        assertEquals("{\"order_id\":5}", new String(rows.key("[5]"), StandardCharsets.UTF_8));
    }

    @Test
    void anAvroColumnIsNamedByItsSourceNameAndTheOutputByItsOwn() throws Exception {
        EnrichmentPlan plan = DefinitionValidatorTest.VALIDATOR.validate(DefinitionValidatorTest.definition(
                DefinitionValidatorTest.VALID));
        String named = new String(event("c", "null", "{\"id\": 5, \"amount\": \"ATk=\"}"), StandardCharsets.UTF_8)
                .replace("{\"field\": \"id\", \"type\": \"int64\", \"optional\": false}",
                        "{\"field\": \"id\", \"type\": \"int64\", \"optional\": false, \"parameters\": "
                                + "{\"__debezium.source.column.name\": \"id\"}}");
        ObjectNode joined = JSON.createObjectNode();
        joined.set("orders", ChangeRows.change(named.getBytes(StandardCharsets.UTF_8), List.of("id")).row());
        joined.set("customers", JSON.nullNode());
        ObjectNode out = new OutputRows(plan).project(joined);
        assertEquals("order_id", out.path("s").path("order_id").path("parameters")
                .path("__debezium.source.column.name").asText(), "the sink names the column by it");
        assertEquals(5, out.path("v").path("order_id").asInt());
    }

    @Test
    void filtersCompareDecimalsAsNumbersAndNullOnlyMatchesIsNull() throws Exception {
        ObjectNode row = (ObjectNode) JSON.readTree("{\"s\": {\"amount\": {\"name\": \"org.apache.kafka.connect.data.Decimal\","
                + " \"parameters\": {\"scale\": \"2\"}}}, \"v\": {\"amount\": \"ATk=\", \"country\": null}}");
        // ATk= is 0x0139 = 313 → 3.13
        assertTrue(new FilterPredicate(new Filter("amount", ">", "3")).test(row));
        assertFalse(new FilterPredicate(new Filter("amount", ">=", "3.14")).test(row));
        assertTrue(new FilterPredicate(new Filter("amount", "=", "3.130")).test(row));
        assertTrue(new FilterPredicate(new Filter("country", "IS NULL", null)).test(row));
        assertFalse(new FilterPredicate(new Filter("country", "=", "'FI'")).test(row));
        assertFalse(Optional.empty().isPresent());
    }
}
