package org.streamingetl.common.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Writes and reads control-topic events as JSON. Unknown fields are ignored so the contract can grow. */
public final class ControlCodec {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final String service;
    private final Clock clock;

    /** @param service the name written into {@code by} of the events this codec creates */
    public ControlCodec(String service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    public ControlCodec(String service) {
        this(service, Clock.systemUTC());
    }

    /** A new event of the given type, stamped now, by this service. */
    public ControlEvent event(EventType type, Object payload) {
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(type + " takes a " + type.payloadType().getSimpleName()
                    + " payload, got " + (payload == null ? "null" : payload.getClass().getSimpleName()));
        }
        return new ControlEvent(type, clock.instant(), service, mapper.valueToTree(payload));
    }

    public byte[] toJson(ControlEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an event; throws {@link IllegalArgumentException} naming the problem when it is not one. */
    public ControlEvent fromJson(byte[] json) {
        try {
            ControlEvent event = mapper.readValue(json, ControlEvent.class);
            if (event.type() == null || event.payload() == null) {
                throw new IllegalArgumentException("control event without type or payload: "
                        + new String(json, StandardCharsets.UTF_8));
            }
            return event;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a control event: " + e.getMessage(), e);
        }
    }

    /** The payload of the event as its type's record. */
    public <T> T payload(ControlEvent event, Class<T> type) {
        if (event.type().payloadType() != type) {
            throw new IllegalArgumentException("event " + event.type() + " has no " + type.getSimpleName() + " payload");
        }
        try {
            return mapper.treeToValue(event.payload(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed " + event.type() + " payload: " + e.getMessage(), e);
        }
    }
}
