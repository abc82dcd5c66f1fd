package org.streamingetl.common.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event on the control topic: {@code type}, {@code at} (when it was produced), {@code by} (the service)
 * and the type's payload as JSON. Use {@link ControlCodec} to build and read events.
 */
public record ControlEvent(EventType type, Instant at, String by, JsonNode payload) {
}
