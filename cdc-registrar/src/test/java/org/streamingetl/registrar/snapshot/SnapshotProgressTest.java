package org.streamingetl.registrar.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Debezium's incremental snapshot notifications, as the sink channel writes them with JsonConverter. */
class SnapshotProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode notification(String type, String additionalData) throws Exception {
        return JSON.readTree("{\"schema\": {}, \"payload\": {\"id\": \"n1\", \"aggregate_type\": \"Incremental Snapshot\", "
                + "\"type\": \"" + type + "\", \"additional_data\": " + additionalData + "}}");
    }

    @Test
    void aSnapshotOfTwoTablesRunsChunkByChunkToCompletion() throws Exception {
        SnapshotProgress progress = new SnapshotProgress();
        progress.apply(notification("STARTED", "{\"connector_name\": \"p\", \"data_collections\": \"db.a,db.b\"}"));
        assertEquals(Map.of("db.a", "incremental snapshot started", "db.b", "incremental snapshot started"),
                progress.describe());

        progress.apply(notification("IN_PROGRESS", "{\"data_collections\": \"db.a,db.b\", "
                + "\"current_collection_in_progress\": \"db.a\", \"maximum_key\": \"2000\", \"last_processed_key\": \"1024\"}"));
        assertEquals("incremental snapshot running: key 1024 of 2000", progress.describe().get("db.a"));

        progress.apply(notification("TABLE_SCAN_COMPLETED", "{\"data_collections\": \"db.a,db.b\", "
                + "\"total_rows_scanned\": \"2000\", \"status\": \"SUCCEEDED\"}"));
        assertEquals("incremental snapshot completed: 2000 rows", progress.describe().get("db.a"));
        assertEquals(2000L, progress.tables().get("db.a").rowsScanned());

        progress.apply(notification("COMPLETED", "{\"connector_name\": \"p\"}"));
        assertEquals("incremental snapshot completed", progress.describe().get("db.b"));
    }

    @Test
    void anEmptyOrKeylessTableSaysSo() throws Exception {
        SnapshotProgress progress = new SnapshotProgress();
        progress.apply(notification("STARTED", "{\"data_collections\": \"db.nokey\"}"));
        progress.apply(notification("TABLE_SCAN_COMPLETED", "{\"data_collections\": \"db.nokey\", "
                + "\"total_rows_scanned\": \"0\", \"status\": \"NO_PRIMARY_KEY\"}"));
        assertEquals("incremental snapshot completed: 0 rows (NO_PRIMARY_KEY)", progress.describe().get("db.nokey"));
    }

    @Test
    void anAbortedSnapshotAndOtherNotificationsAreTold() throws Exception {
        SnapshotProgress progress = new SnapshotProgress();
        progress.apply(notification("STARTED", "{\"data_collections\": \"db.a\"}"));
        progress.apply(notification("ABORTED", "{}"));
        assertEquals("ABORTED", progress.tables().get("db.a").state());
        progress.apply(JSON.readTree("{\"aggregate_type\": \"Something else\", \"type\": \"STARTED\", "
                + "\"additional_data\": {\"data_collections\": \"db.x\"}}"));
        assertTrue(!progress.tables().containsKey("db.x"));
    }
}
