package org.streamingetl.sink.control;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlEvent;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableResync;
import org.streamingetl.common.kafka.ControlListener;

/**
 * The completed re-sends of source tables ({@code TableResync} on the control topic), by data topic: after one, the
 * sink removes the rows MySQL lost without row events (see {@link TableResync}). Written by the control reader's
 * thread, read by the sink loop.
 */
public final class ResyncRegistry implements ControlListener {

    private final ControlCodec codec;
    private final Map<String, TableResync> completedByTopic = new ConcurrentHashMap<>();

    public ResyncRegistry(ControlCodec codec) {
        this.codec = codec;
    }

    @Override
    public void onEvent(ControlKey key, ControlEvent event) {
        if (event.type() != EventType.TableResync) {
            return;
        }
        TableResync resync = codec.payload(event, TableResync.class);
        if (resync.completed()) {
            completedByTopic.put(resync.topic(), resync);
        }
    }

    /** The last completed re-send of the topic's table, if any. */
    public Optional<TableResync> completed(String topic) {
        return Optional.ofNullable(completedByTopic.get(topic));
    }
}
