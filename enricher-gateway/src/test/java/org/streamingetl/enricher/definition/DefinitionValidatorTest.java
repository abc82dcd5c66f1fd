package org.streamingetl.enricher.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;

public class DefinitionValidatorTest {

    public static ColumnDefinition column(String name, String type, boolean nullable) {
        return new ColumnDefinition(name, 1, type, type, null, null, type.equals("decimal") ? 2 : null, null, false,
                nullable, List.of());
    }

    public static final Map<String, TableCaptured> TABLES = Map.of(
            "shop.orders", new TableCaptured("shop", "orders", "p.shop.orders", List.of("id"), List.of(
                    column("id", "bigint", false), column("customer_id", "int", true), column("amount", "decimal", true),
                    column("note", "varchar", true))),
            "shop.customers", new TableCaptured("shop", "customers", "p.shop.customers", List.of("id"), List.of(
                    column("id", "int", false), column("name", "varchar", true))));

    public static final DefinitionValidator VALIDATOR = new DefinitionValidator(t -> Optional.ofNullable(TABLES.get(t)), "p");

    public static EnrichmentDefinition definition(String yamlBody) {
        DefinitionFile.Result r = DefinitionFile.parse("enrichments:\n  e:\n" + yamlBody.indent(4));
        assertEquals(List.of(), r.errors());
        return r.enrichments().get(0);
    }

    public static final String VALID = """
            source: shop.orders
            joins:
              - table: shop.customers
                on: orders.customer_id = customers.id
            columns:
              order_id: orders.id
              amount: orders.amount
              customer_name: customers.name
            key: order_id
            """;

    @Test
    void aValidDefinitionBecomesAPlanWithTypedNullableColumns() {
        EnrichmentPlan plan = VALIDATOR.validate(definition(VALID));
        assertEquals("p.enriched.e", plan.outputTopic());
        assertEquals(List.of("order_id"), plan.key());
        assertEquals(List.of("id"), plan.sourceKey());
        assertEquals(List.of("p.shop.orders", "p.shop.customers"), plan.inputTopics());
        ColumnDefinition orderId = plan.columns().get(0).definition();
        assertEquals("bigint", orderId.dataType());
        assertFalse(orderId.nullable(), "a key column is not nullable");
        assertTrue(plan.columns().get(2).definition().nullable(), "a left-joined column can be NULL");
        assertEquals(3, plan.columns().get(2).definition().position());
    }

    @Test
    void anUnknownTableOrColumnIsNamed() {
        UnknownTableException table = assertThrows(UnknownTableException.class,
                () -> VALIDATOR.validate(definition(VALID.replace("table: shop.customers", "table: shop.clients AS customers"))));
        assertEquals("enrichment 'e', joins[0].table: unknown table shop.clients (no TableCaptured announcement: "
                + "is it captured?)", table.getMessage());
        DefinitionException column = assertThrows(DefinitionException.class,
                () -> VALIDATOR.validate(definition(VALID.replace("customers.name", "customers.nme"))));
        assertEquals("enrichment 'e', columns.customer_name: unknown column nme of shop.customers", column.getMessage());
    }

    @Test
    void aJoinOfDifferentTypesIsRefused() {
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> VALIDATOR.validate(definition(VALID.replace("orders.customer_id = customers.id",
                        "orders.note = customers.id"))));
        assertEquals("enrichment 'e', joins[0].on: orders.note (varchar) cannot be joined with customers.id (int): "
                + "the types differ", e.getMessage());
    }

    @Test
    void theKeyMustBeTheSourcesPrimaryKey() {
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> VALIDATOR.validate(definition(VALID.replace("key: order_id", "key: customer_name"))));
        assertTrue(e.getMessage().startsWith("enrichment 'e', key: the key must be the primary key [id]"), e.getMessage());
    }

    @Test
    void aFilterNamesAnOutputColumn() {
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> VALIDATOR.validate(definition(VALID + "filter: note = 'x'\n")));
        assertEquals("enrichment 'e', filter: note is not an output column", e.getMessage());
    }
}
