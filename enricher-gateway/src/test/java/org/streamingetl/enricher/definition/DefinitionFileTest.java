package org.streamingetl.enricher.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.enricher.definition.EnrichmentDefinition.ColumnRef;
import org.streamingetl.enricher.definition.EnrichmentDefinition.JoinType;

class DefinitionFileTest {

    static final String DEMO = """
            enrichments:
              orders_enriched:
                source: shop.orders
                joins:
                  - table: shop.customers
                    type: left
                    on: orders.customer_id = customers.id
                columns:
                  order_id: orders.id
                  amount: orders.amount
                  customer_name: customers.name
                key: order_id
                filter: amount > 0
            """;

    @Test
    void theDemoDefinitionReads() {
        DefinitionFile.Result result = DefinitionFile.parse(DEMO);
        assertEquals(List.of(), result.errors());
        EnrichmentDefinition d = result.enrichments().get(0);
        assertEquals("orders_enriched", d.name());
        assertEquals("shop.orders", d.source().qualifiedName());
        assertEquals(JoinType.LEFT, d.joins().get(0).type());
        assertEquals(new ColumnRef("orders", "customer_id"), d.joins().get(0).on().get(0).foreign());
        assertEquals("id", d.joins().get(0).on().get(0).keyColumn());
        assertEquals(List.of("order_id", "amount", "customer_name"), List.copyOf(d.columns().keySet()));
        assertEquals(List.of("order_id"), d.key());
        assertEquals(new EnrichmentDefinition.Filter("amount", ">", "0"), d.filter());
    }

    @Test
    void aBrokenEnrichmentIsReportedByNameAndTheOthersAreKept() {
        DefinitionFile.Result result = DefinitionFile.parse(DEMO + """
              broken:
                source: orders
                columns:
                  x: orders.id
                key: x
              bad_join:
                source: shop.orders
                joins:
                  - table: shop.customers
                    type: outer
                    on: orders.customer_id = customers.id
                columns:
                  x: orders.id
                key: x
            """);
        assertEquals(1, result.enrichments().size());
        assertEquals(List.of("enrichment 'broken', source: 'orders' is not db.table",
                "enrichment 'bad_join', joins[0].type: 'outer' is not left or inner"), result.errors());
    }

    @Test
    void filtersAndTheirMistakes() {
        assertEquals(new EnrichmentDefinition.Filter("country", "IS NOT NULL", null),
                DefinitionFile.filter("e", "country is not null"));
        assertEquals(new EnrichmentDefinition.Filter("country", "!=", "'FI'"), DefinitionFile.filter("e", "country <> 'FI'"));
        DefinitionException e = org.junit.jupiter.api.Assertions.assertThrows(DefinitionException.class,
                () -> DefinitionFile.filter("e", "amount between 1 and 2"));
        assertTrue(e.getMessage().startsWith("enrichment 'e', filter:"), e.getMessage());
    }

    @Test
    void notYamlOrNoEnrichmentsSaysSo() {
        assertTrue(DefinitionFile.parse("enrichments: [").errors().get(0).startsWith("the definition file is not valid YAML"));
        assertTrue(DefinitionFile.parse("other: 1").errors().get(0).contains("'enrichments:"));
    }
}
