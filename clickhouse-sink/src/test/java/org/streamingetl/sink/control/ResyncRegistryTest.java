package org.streamingetl.sink.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableResync;

class ResyncRegistryTest {

    private final ControlCodec codec = new ControlCodec("cdc-registrar");
    private final ResyncRegistry registry = new ResyncRegistry(codec);

    private void announce(TableResync resync) {
        registry.onEvent(new ControlKey(ControlKey.RESYNC, resync.qualifiedName()),
                codec.fromJson(codec.toJson(codec.event(EventType.TableResync, resync))));
    }

    @Test
    void onlyACompletedResendIsOfferedForItsTopic() {
        TableResync requested = new TableResync("shop", "items", "p.shop.items", "ALTER TABLE items DROP PARTITION p0",
                TableResync.REQUESTED, "s1", "2026-12-03T10:00:00Z", Map.of(0, 10L), Map.of());
        announce(requested);
        assertTrue(registry.completed("p.shop.items").isEmpty(), "a requested re-send is not complete");

        announce(requested.complete(Map.of(0, 25L)));
        assertEquals(10L, registry.completed("p.shop.items").orElseThrow().staleBelow().get(0));
        assertEquals(25L, registry.completed("p.shop.items").orElseThrow().completedUpTo().get(0));
        assertTrue(registry.completed("p.shop.other").isEmpty());
    }

    @Test
    void aNewRequestDoesNotHideTheLastCompletedOne() {
        TableResync first = new TableResync("shop", "items", "p.shop.items", "x", TableResync.REQUESTED, "s1",
                "2026-12-03T10:00:00Z", Map.of(0, 10L), Map.of());
        announce(first.complete(Map.of(0, 20L)));
        announce(new TableResync("shop", "items", "p.shop.items", "y", TableResync.REQUESTED, "s2",
                "2026-12-03T10:01:00Z", Map.of(0, 30L), Map.of()));
        assertEquals("s1", registry.completed("p.shop.items").orElseThrow().signal());
    }
}
