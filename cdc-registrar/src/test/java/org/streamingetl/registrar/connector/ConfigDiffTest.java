package org.streamingetl.registrar.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    @Test
    void equalConfigsNeedNoWrite() {
        ConfigDiff diff = ConfigDiff.between(Map.of("a", "1", "b", "2"), Map.of("b", "2", "a", "1"));
        assertTrue(diff.isEmpty());
        assertEquals(Set.of(), diff.added());
        assertEquals(Set.of(), diff.removed());
        assertEquals(Set.of(), diff.changed());
    }

    @Test
    void aKeyOnlyInTheDesiredConfigIsAdded() {
        ConfigDiff diff = ConfigDiff.between(Map.of("a", "1"), Map.of("a", "1", "b", "2"));
        assertEquals(Set.of("b"), diff.added());
        assertEquals(Set.of(), diff.removed());
        assertEquals(Set.of(), diff.changed());
        assertFalse(diff.isEmpty());
    }

    @Test
    void aKeyOnlyInTheExistingConfigIsRemoved() {
        ConfigDiff diff = ConfigDiff.between(Map.of("a", "1", "old", "x"), Map.of("a", "1"));
        assertEquals(Set.of("old"), diff.removed());
        assertEquals(Set.of(), diff.added());
        assertFalse(diff.isEmpty());
    }

    @Test
    void aKeyWithAnotherValueIsChanged() {
        ConfigDiff diff = ConfigDiff.between(Map.of("a", "1", "b", "2"), Map.of("a", "1", "b", "3"));
        assertEquals(Set.of("b"), diff.changed());
        assertEquals(Set.of(), diff.added());
        assertFalse(diff.isEmpty());
    }

    @Test
    void theTextNamesKeysButNeverValues() {
        ConfigDiff diff = ConfigDiff.between(
                Map.of("database.password", "0ld-Pa55word", "gone", "gone-value", "same", "same-value"),
                Map.of("database.password", "n3w-Pa55word", "new", "new-value", "same", "same-value"));
        String text = diff.toString();
        assertTrue(text.contains("database.password") && text.contains("gone") && text.contains("new"), text);
        for (String value : new String[] {"0ld-Pa55word", "n3w-Pa55word", "gone-value", "new-value", "same-value"}) {
            assertFalse(text.contains(value), text);
        }
        assertEquals("added [new], removed [gone], changed [database.password]", text);
    }
}
