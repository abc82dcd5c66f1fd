package org.streamingetl.sink.control;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlEvent;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableCaptured;

/**
 * The table structures announced on the control topic ({@code TableCaptured}), by data topic. Written by the
 * control reader's thread, read by the sink loop: a new announcement is a new object, so the loop sees a change
 * by identity.
 */
public final class TableRegistry implements org.streamingetl.common.kafka.ControlListener {

    private static final Logger LOG = Logger.getLogger(TableRegistry.class);

    private final ControlCodec codec;
    private final Map<String, TableCaptured> byTopic = new ConcurrentHashMap<>();

    public TableRegistry(ControlCodec codec) {
        this.codec = codec;
    }

    @Override
    public void onEvent(ControlKey key, ControlEvent event) {
        if (event.type() != EventType.TableCaptured) {
            return;
        }
        TableCaptured table = codec.payload(event, TableCaptured.class);
        TableCaptured previous = byTopic.put(table.topic(), table);
        if (previous == null || !previous.equals(table)) {
            LOG.infof("Schema of %s (topic %s): %d columns, primary key %s", table.qualifiedName(), table.topic(),
                    table.columns().size(), table.primaryKey());
        } else {
            byTopic.put(table.topic(), previous);
        }
    }

    @Override
    public void onRemoved(ControlKey key) {
        if (ControlKey.TABLE.equals(key.kind())) {
            byTopic.values().removeIf(t -> t.qualifiedName().equals(key.name()));
        }
    }

    public Optional<TableCaptured> forTopic(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }
}
