package org.streamingetl.registrar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCheckTest {

    private static final Optional<String> TOKEN = Optional.of("s3cret");

    @Test
    void theConfiguredBearerTokenPasses() {
        assertEquals(Optional.empty(), TokenCheck.refusal(TOKEN, "Bearer s3cret"));
        assertEquals(Optional.empty(), TokenCheck.refusal(TOKEN, "bearer s3cret "));
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        assertEquals(Optional.of("wrong API token"), TokenCheck.refusal(TOKEN, "Bearer s3cret2"));
        assertEquals(Optional.of("wrong API token"), TokenCheck.refusal(TOKEN, "Bearer "));
        assertTrue(TokenCheck.refusal(TOKEN, null).orElseThrow().startsWith("missing"));
        assertTrue(TokenCheck.refusal(TOKEN, "Basic czNjcmV0").orElseThrow().startsWith("missing"));
    }

    @Test
    void withoutAConfiguredTokenEveryOperationIsRefused() {
        assertTrue(TokenCheck.refusal(Optional.empty(), "Bearer anything").orElseThrow().contains("REGISTRAR_API_TOKEN"));
        assertTrue(TokenCheck.refusal(Optional.of(" "), "Bearer  ").isPresent());
    }
}
