package org.streamingetl.registrar.supervision;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Recognises, in a Kafka Connect status document, a task that failed on a change event too large for Kafka, and
 * says in one line which table, how large, and what to do. Where the event is comes from the connector's committed
 * offset and the binlog ({@link BinlogLocator}); that lookup runs once per failure, not at every supervision round.
 */
public final class OversizedRecordDiagnosis {

    private static final Logger LOG = Logger.getLogger(OversizedRecordDiagnosis.class);

    /** Finds where the event is, from the oversized record's details; empty when it cannot tell. */
    @FunctionalInterface
    public interface Locator {
        Optional<String> locate(OversizedRecord record);
    }

    private final Locator locator;
    private String lastTrace;
    private String lastMessage;

    public OversizedRecordDiagnosis(Locator locator) {
        this.locator = locator;
    }

    /** The one-line explanation when a task failed on an oversized record; empty otherwise. */
    public synchronized Optional<String> of(JsonNode statusDocument) {
        for (JsonNode task : statusDocument.path("tasks")) {
            if (!"FAILED".equals(task.path("state").asText())) {
                continue;
            }
            String trace = task.path("trace").asText(null);
            Optional<OversizedRecord> record = OversizedRecord.in(trace);
            if (record.isEmpty()) {
                continue;
            }
            if (!trace.equals(lastTrace)) {
                String where = null;
                try {
                    where = locator.locate(record.get()).orElse(null);
                } catch (RuntimeException e) {
                    LOG.warnf("Cannot find the oversized change event in the binlog: %s", e.getMessage());
                }
                lastTrace = trace;
                lastMessage = "task " + task.path("id").asInt() + " failed: " + record.get().describe(where);
            }
            return Optional.of(lastMessage);
        }
        return Optional.empty();
    }

    /**
     * The locator of a live connector: its committed binlog position from Kafka Connect, then the binlog.
     */
    public static Locator fromBinlog(java.util.function.Supplier<Optional<JsonNode>> offsets, BinlogLocator binlog) {
        return record -> {
            Optional<JsonNode> offset = offsets.get();
            if (offset.isEmpty() || !offset.get().hasNonNull("file")) {
                return Optional.empty();
            }
            String file = offset.get().path("file").asText();
            long pos = offset.get().path("pos").asLong();
            try {
                return binlog.locate(file, pos, record.recordBytes(), record.limitBytes())
                        .map(BinlogLocator.Location::describe)
                        .or(() -> Optional.of("binlog " + file + " after position " + pos));
            } catch (java.sql.SQLException e) {
                LOG.warnf("Cannot read the binlog (%s from %d) to find the oversized event: %s", file, pos, e.getMessage());
                return Optional.of("binlog " + file + " after position " + pos);
            }
        };
    }
}
