package org.streamingetl.common.kafka;

import org.streamingetl.common.control.ControlEvent;
import org.streamingetl.common.control.ControlKey;

/** Receives the control topic's events, in topic order, on the reader's thread. */
public interface ControlListener {

    void onEvent(ControlKey key, ControlEvent event);

    /** A tombstone: the entity under {@code key} was removed. */
    default void onRemoved(ControlKey key) {
    }

    /** One listener that hands every event to each of the given listeners, in order. */
    static ControlListener all(ControlListener... listeners) {
        java.util.List<ControlListener> all = java.util.List.of(listeners);
        return new ControlListener() {
            @Override
            public void onEvent(ControlKey key, ControlEvent event) {
                all.forEach(l -> l.onEvent(key, event));
            }

            @Override
            public void onRemoved(ControlKey key) {
                all.forEach(l -> l.onRemoved(key));
            }
        };
    }
}
