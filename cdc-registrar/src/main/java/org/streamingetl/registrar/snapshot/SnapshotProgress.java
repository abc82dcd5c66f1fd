package org.streamingetl.registrar.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-table progress of Debezium's snapshots, folded from its notifications ({@code notification.enabled.channels=sink}):
 * an incremental snapshot announces STARTED with its tables, IN_PROGRESS per chunk (the table, the last key read and
 * the largest key), TABLE_SCAN_COMPLETED with the rows it read, and COMPLETED (or ABORTED). Thread-safe.
 */
public final class SnapshotProgress {

    /** One table's snapshot: its state and what is known of its progress. */
    public record TableSnapshot(String kind, String state, String lastKey, String maximumKey, Long rowsScanned,
                                String status) {

        /** One line, as the control topic's {@code SourceStatus.snapshot} and the status API show it. */
        public String describe() {
            StringBuilder s = new StringBuilder(kind).append(" snapshot ").append(state.toLowerCase());
            if (rowsScanned != null) {
                s.append(": ").append(rowsScanned).append(" rows");
            } else if (lastKey != null) {
                s.append(": key ").append(lastKey).append(" of ").append(maximumKey);
            }
            if (status != null && !"SUCCEEDED".equals(status)) {
                s.append(" (").append(status).append(')');
            }
            return s.toString();
        }
    }

    private final Map<String, TableSnapshot> tables = new LinkedHashMap<>();
    private String current;

    /** Folds one notification (the record value; a JsonConverter envelope or the bare notification). */
    public synchronized void apply(JsonNode value) {
        JsonNode n = value.has("payload") ? value.path("payload") : value;
        String aggregate = text(n, "aggregate_type", "aggregateType");
        if (aggregate == null || !aggregate.toLowerCase().contains("snapshot")) {
            return;
        }
        String kind = aggregate.toLowerCase().startsWith("incremental") ? "incremental" : "initial";
        String type = text(n, "type");
        JsonNode data = n.has("additional_data") ? n.path("additional_data") : n.path("additionalData");
        List<String> collections = split(text(data, "data_collections"));
        switch (type == null ? "" : type) {
            case "STARTED" -> {
                for (String table : collections) {
                    tables.put(table, new TableSnapshot(kind, "STARTED", null, null, null, null));
                }
                current = collections.isEmpty() ? null : collections.get(0);
            }
            case "IN_PROGRESS" -> {
                String table = text(data, "current_collection_in_progress");
                if (table != null) {
                    current = table;
                    tables.put(table, new TableSnapshot(kind, "RUNNING", text(data, "last_processed_key"),
                            text(data, "maximum_key"), null, null));
                }
            }
            case "TABLE_SCAN_COMPLETED" -> {
                String table = current != null ? current : collections.isEmpty() ? null : collections.get(0);
                if (table != null) {
                    Long rows = parseLong(text(data, "total_rows_scanned"));
                    tables.put(table, new TableSnapshot(kind, "COMPLETED", null, null, rows, text(data, "status")));
                    current = null;
                }
            }
            case "COMPLETED" -> {
                tables.replaceAll((table, s) -> "COMPLETED".equals(s.state()) || "ABORTED".equals(s.state()) ? s
                        : new TableSnapshot(s.kind(), "COMPLETED", null, null, s.rowsScanned(), s.status()));
                current = null;
            }
            case "ABORTED" -> {
                List<String> aborted = collections.isEmpty() ? List.copyOf(tables.keySet()) : collections;
                for (String table : aborted) {
                    TableSnapshot s = tables.get(table);
                    if (s != null && !"COMPLETED".equals(s.state())) {
                        tables.put(table, new TableSnapshot(s.kind(), "ABORTED", s.lastKey(), s.maximumKey(), null, null));
                    }
                }
            }
            case "PAUSED", "RESUMED" -> {
                for (String table : collections) {
                    TableSnapshot s = tables.get(table);
                    if (s != null && !"COMPLETED".equals(s.state())) {
                        tables.put(table, new TableSnapshot(s.kind(), type, s.lastKey(), s.maximumKey(), null, null));
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Each table's snapshot, by {@code db.table}. */
    public synchronized Map<String, TableSnapshot> tables() {
        return Map.copyOf(tables);
    }

    /** Each table's snapshot in one line, by {@code db.table}. */
    public synchronized Map<String, String> describe() {
        Map<String, String> lines = new LinkedHashMap<>();
        tables.forEach((table, s) -> lines.put(table, s.describe()));
        return lines;
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return List.of(list.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
