package org.streamingetl.enricher.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ControlEvent;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.kafka.ControlListener;

/**
 * What the gateway knows of the pipeline from the control topic: the latest event of every entity. The gateway's
 * enrichments (a later stage) are planned from the TableCaptured events kept here.
 */
@ApplicationScoped
public class PipelineView implements ControlListener {

    private static final Logger LOG = Logger.getLogger(PipelineView.class);

    private static final org.streamingetl.common.control.ControlCodec CODEC =
            new org.streamingetl.common.control.ControlCodec("enricher-gateway");

    private final Map<String, ControlEvent> latest = new ConcurrentHashMap<>();

    @Override
    public void onEvent(ControlKey key, ControlEvent event) {
        ControlEvent previous = latest.put(key.toString(), event);
        if (previous == null || !previous.payload().equals(event.payload())) {
            LOG.infof("Control topic: %s %s from %s", event.type(), key, event.by());
        }
    }

    @Override
    public void onRemoved(ControlKey key) {
        if (latest.remove(key.toString()) != null) {
            LOG.infof("Control topic: %s removed", key);
        }
    }

    /** The latest announcement of a source table, by {@code db.table}. */
    public java.util.Optional<org.streamingetl.common.control.TableCaptured> table(String qualifiedName) {
        ControlEvent event = latest.get(ControlKey.TABLE + "/" + qualifiedName);
        if (event == null || event.type() != org.streamingetl.common.control.EventType.TableCaptured) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(CODEC.payload(event, org.streamingetl.common.control.TableCaptured.class));
    }

    /** Entity key → its latest event, a copy sorted by key (the status page is built from it). */
    public Map<String, ControlEvent> events() {
        return new TreeMap<>(latest);
    }

    /** Entity key → type of its latest event, sorted by key. */
    public Map<String, String> entities() {
        Map<String, String> entities = new TreeMap<>();
        latest.forEach((key, event) -> entities.put(key, event.type().name()));
        return entities;
    }
}
