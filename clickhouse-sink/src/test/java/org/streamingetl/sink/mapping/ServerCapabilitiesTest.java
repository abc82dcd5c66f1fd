package org.streamingetl.sink.mapping;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerCapabilitiesTest {

    @Test
    void serversBefore23Point8AreLegacy() {
        assertFalse(ServerCapabilities.forVersion("18.16.1").modern());
        assertFalse(ServerCapabilities.forVersion("23.7").modern());
        assertFalse(ServerCapabilities.forVersion("23.7.6.111").modern());
        assertFalse(ServerCapabilities.forVersion("22.12.1").modern());
    }

    @Test
    void serversFrom23Point8OnAreModernWithEveryFeature() {
        assertTrue(ServerCapabilities.forVersion("23.8").modern());
        assertTrue(ServerCapabilities.forVersion("24.8.1").modern());
        ServerCapabilities latest = ServerCapabilities.forVersion(" 26.7.1.1 ");
        assertTrue(latest.modern());
        assertTrue(latest.decimal256() && latest.dateTime64() && latest.date32() && latest.lowCardinality()
                && latest.replacingWithIsDeleted());
        ServerCapabilities old = ServerCapabilities.forVersion("18.16.1");
        assertFalse(old.decimal256() || old.dateTime64() || old.date32() || old.lowCardinality()
                || old.replacingWithIsDeleted());
    }

    @Test
    void anUnreadableVersionIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerCapabilities.forVersion("garbage"));
        assertTrue(e.getMessage().contains("'garbage'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerCapabilities.forVersion(""));
        assertThrows(IllegalArgumentException.class, () -> ServerCapabilities.forVersion("24.x"));
    }
}
