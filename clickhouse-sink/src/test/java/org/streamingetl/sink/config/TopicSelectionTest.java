package org.streamingetl.sink.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class TopicSelectionTest {

    private static boolean selected(Pattern p, String topic) {
        return p.matcher(topic).matches();
    }

    @Test
    void withoutListsEveryDataTopicOfThePrefixIsRead() {
        Pattern p = TopicSelection.pattern("p.x", List.of(), List.of());
        assertTrue(selected(p, "p.x.shop.orders"));
        assertFalse(selected(p, "p.x.control"), "the control topic is no data topic");
        assertFalse(selected(p, "p.x.dlq"));
        assertFalse(selected(p, "pAx.shop.orders"), "the prefix is literal");
        assertFalse(selected(p, "other.shop.orders"));
    }

    @Test
    void includeAndExcludeMatchWholeDatabaseDotTable() {
        Pattern p = TopicSelection.pattern("etl", List.of("shop\\..*", "crm\\.customers"), List.of("shop\\.audit_.*"));
        assertTrue(selected(p, "etl.shop.orders"));
        assertTrue(selected(p, "etl.crm.customers"));
        assertFalse(selected(p, "etl.crm.customers_old"), "a whole-name match, not a prefix");
        assertFalse(selected(p, "etl.crm.leads"));
        assertFalse(selected(p, "etl.shop.audit_log"), "exclude wins over include");
    }

    @Test
    void aBadExpressionIsRefusedAtStart() {
        assertThrows(PatternSyntaxException.class, () -> TopicSelection.pattern("etl", List.of("shop.(orders"), List.of()));
    }
}
