package org.streamingetl.registrar.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlEvent;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.control.TableResync;
import org.streamingetl.common.kafka.ControlListener;
import org.streamingetl.common.kafka.ControlReader;
import org.streamingetl.common.topics.TableId;

/**
 * What cdc-registrar announced before it (re)started, read once from the control topic: the last
 * {@code TableCaptured} of each table (tombstoned ones left out) and the last {@code TableResync} of each table.
 */
public final class LastAnnouncements implements ControlListener {

    private final ControlCodec codec;
    private final Map<TableId, TableCaptured> tables = new ConcurrentHashMap<>();
    private final Map<String, TableResync> resyncs = new ConcurrentHashMap<>();

    private LastAnnouncements(ControlCodec codec) {
        this.codec = codec;
    }

    /** Reads the control topic up to its end. */
    public static LastAnnouncements read(Map<String, Object> kafka, String controlTopic, ControlCodec codec) {
        LastAnnouncements last = new LastAnnouncements(codec);
        try (ControlReader reader = new ControlReader(kafka, controlTopic, codec, last, "registrar-control-seed")) {
            reader.start();
            if (!reader.awaitCaughtUp(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the control topic " + controlTopic + " was not read within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return last;
    }

    @Override
    public void onEvent(ControlKey key, ControlEvent event) {
        if (event.type() == EventType.TableCaptured) {
            TableCaptured t = codec.payload(event, TableCaptured.class);
            tables.put(new TableId(t.database(), t.table()), t);
        } else if (event.type() == EventType.TableResync) {
            TableResync r = codec.payload(event, TableResync.class);
            resyncs.put(r.qualifiedName(), r);
        }
    }

    @Override
    public void onRemoved(ControlKey key) {
        if (ControlKey.TABLE.equals(key.kind())) {
            tables.keySet().removeIf(id -> id.toString().equals(key.name()));
        } else if (ControlKey.RESYNC.equals(key.kind())) {
            resyncs.remove(key.name());
        }
    }

    public Map<TableId, TableCaptured> tables() {
        return Map.copyOf(tables);
    }

    public Map<String, TableResync> resyncs() {
        return Map.copyOf(resyncs);
    }
}
