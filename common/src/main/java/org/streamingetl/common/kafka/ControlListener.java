package org.streamingetl.common.kafka;

import org.streamingetl.common.control.ControlEvent;
import org.streamingetl.common.control.ControlKey;

/** Receives the control topic's events, in topic order, on the reader's thread. */
public interface ControlListener {

    void onEvent(ControlKey key, ControlEvent event);

    /** A tombstone: the entity under {@code key} was removed. */
    default void onRemoved(ControlKey key) {
    }
}
