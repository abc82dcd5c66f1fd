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
        assertTrue(ConfigDiff.between(Map.of("a", "1"), Map.of("a", "1")).isEmpty());
    }

    @Test
    void namesAddedRemovedAndChangedKeysButNeverValues() {
        ConfigDiff diff = ConfigDiff.between(
                Map.of("database.password", "old-secret", "gone", "x", "same", "y"),
                Map.of("database.password", "new-secret", "new", "z", "same", "y"));
        assertFalse(diff.isEmpty());
        assertEquals(Set.of("new"), diff.added());
        assertEquals(Set.of("gone"), diff.removed());
        assertEquals(Set.of("database.password"), diff.changed());
        assertFalse(diff.toString().contains("secret"), diff.toString());
    }
}
