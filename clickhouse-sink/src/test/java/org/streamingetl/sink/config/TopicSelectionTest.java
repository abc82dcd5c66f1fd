package org.streamingetl.sink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.topics.TableId;

class TopicSelectionTest {

    private static boolean selected(Pattern p, String topic) {
        return p.matcher(topic).matches();
    }

    @Test
    void withoutListsEveryDataTopicOfThePrefixIsRead() {
        Pattern p = new TopicSelection("p.x", List.of(), List.of()).pattern();
        assertTrue(selected(p, "p.x.shop.orders"));
        assertTrue(selected(p, "p.x.shop.weird-name.x"), "a table name may contain dots");
        assertTrue(selected(p, "p.x.enriched.orders_enriched"));
        assertFalse(selected(p, "p.x.control"), "the control topic is no data topic");
        assertFalse(selected(p, "p.x.dlq"));
        assertFalse(selected(p, "p.x.notifications"));
        assertFalse(selected(p, "p.x.schema-history"));
        assertFalse(selected(p, "p.x"), "the schema topic");
        assertFalse(selected(p, "pAx.shop.orders"), "the prefix is literal");
        assertFalse(selected(p, "other.shop.orders"));
    }

    @Test
    void includeAndExcludeMatchWholeDatabaseDotTable() {
        TopicSelection s = new TopicSelection("etl", List.of("shop\\..*", "crm\\.customers"), List.of("shop\\.audit_.*"));
        Pattern p = s.pattern();
        assertTrue(selected(p, "etl.shop.orders"));
        assertTrue(selected(p, "etl.crm.customers"));
        assertFalse(selected(p, "etl.crm.customers_old"), "a whole-name match, not a prefix");
        assertFalse(selected(p, "etl.crm.leads"));
        assertFalse(selected(p, "etl.shop.audit_log"), "exclude wins over include");
        assertTrue(s.selected("shop", "a b"));
        assertFalse(s.selected("shop", "audit_x"));
    }

    @Test
    void announcedTablesAreJudgedByTheirNamesNotTheirTopics() {
        TopicSelection s = new TopicSelection("etl", List.of("shop\\.a b", "shop\\.plain"), List.of("shop\\.ex.*"));
        Map<String, List<TableId>> announced = Map.of(
                "etl.shop.a_b", List.of(new TableId("shop", "a b")),
                "etl.shop.ex_t", List.of(new TableId("shop", "ex t")),
                "etl.shop.plain", List.of(new TableId("shop", "plain")));
        Pattern before = s.pattern();
        assertFalse(selected(before, "etl.shop.a_b"), "not announced yet: judged by name");
        Pattern p = s.pattern(announced);
        assertTrue(selected(p, "etl.shop.a_b"), "the table 'a b' is included");
        assertTrue(selected(p, "etl.shop.plain"));
        assertFalse(selected(p, "etl.shop.ex_t"));
        assertFalse(selected(p, "etl.shop.other"));
        assertEquals(before.pattern().length() + 0, new TopicSelection("etl", List.of("shop\\.a b", "shop\\.plain"),
                List.of("shop\\.ex.*")).pattern(Map.of("etl.shop.plain", List.of(new TableId("shop", "plain"))))
                .pattern().length(), "topics whose name agrees with their table are not spelled out");
    }

    @Test
    void anExcludedTableWhoseTopicLooksIncludedIsLeftOut() {
        TopicSelection s = new TopicSelection("etl", List.of(), List.of("shop\\.sec ret"));
        Pattern p = s.pattern(Map.of("etl.shop.sec_ret", List.of(new TableId("shop", "sec ret")),
                "etl.shop.weird-name.x", List.of(new TableId("shop", "weird-name.x"))));
        assertFalse(selected(p, "etl.shop.sec_ret"));
        assertTrue(selected(p, "etl.shop.weird-name.x"));
        assertTrue(selected(p, "etl.shop.new_table"), "unannounced topics still follow the name rule");
    }

    @Test
    void aSharedTopicIsReadWhenAnyOfItsTablesIsSelected() {
        TopicSelection s = new TopicSelection("etl", List.of(), List.of("shop\\.a b"));
        Pattern p = s.pattern(Map.of("etl.shop.a_b", List.of(new TableId("shop", "a b"), new TableId("shop", "a_b"))));
        assertTrue(selected(p, "etl.shop.a_b"), "read, to report the refusal");
    }

    @Test
    void aBadExpressionIsRefusedAtStart() {
        assertThrows(PatternSyntaxException.class, () -> new TopicSelection("etl", List.of("shop.(orders"), List.of()));
    }
}
