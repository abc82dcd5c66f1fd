package org.streamingetl.registrar.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Decides whether a request's {@code Authorization} header carries the configured bearer token. */
public final class TokenCheck {

    private static final String BEARER = "Bearer ";

    private TokenCheck() {
    }

    /** Why the request is refused, or empty when its token is the configured one. Compared in constant time. */
    public static Optional<String> refusal(Optional<String> configured, String authorization) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            return Optional.of("no API token is configured, so operations are refused: set REGISTRAR_API_TOKEN "
                    + "(registrar.api.token) and send it as 'Authorization: Bearer <token>'");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of("missing 'Authorization: Bearer <token>' header");
        }
        byte[] sent = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = configured.get().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sent, expected) ? Optional.empty() : Optional.of("wrong API token");
    }
}
