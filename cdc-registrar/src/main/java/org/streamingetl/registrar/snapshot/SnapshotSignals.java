package org.streamingetl.registrar.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.streamingetl.common.topics.TableId;

/**
 * Requests an incremental (ad-hoc) snapshot of tables from Debezium: an {@code execute-snapshot} row in the signalling
 * table, which Debezium reads from the binlog. Debezium then re-emits every row of those tables as {@code op=r} in
 * chunks, interleaved correctly with the live changes.
 */
public final class SnapshotSignals {

    private final DataSource dataSource;
    private final TableId signalTable;
    private final ObjectMapper mapper = new ObjectMapper();

    public SnapshotSignals(DataSource dataSource, TableId signalTable) {
        this.dataSource = dataSource;
        this.signalTable = signalTable;
    }

    /** Writes the signal; returns its id. */
    public String requestSnapshot(List<TableId> tables) throws SQLException {
        String id = UUID.randomUUID().toString();
        requestSnapshot(id, tables);
        return id;
    }

    /** Writes the signal under the given id; Debezium's notifications of that snapshot carry the same id. */
    public void requestSnapshot(String id, List<TableId> tables) throws SQLException {
        String data;
        try {
            data = mapper.writeValueAsString(Map.of("data-collections",
                    tables.stream().map(TableId::toString).toList(), "type", "incremental"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String sql = "INSERT INTO `" + signalTable.database().replace("`", "``") + "`.`"
                + signalTable.table().replace("`", "``") + "` (id, type, data) VALUES (?, 'execute-snapshot', ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.setString(2, data);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new SQLException("cannot write the snapshot signal into " + signalTable + " (" + e.getMessage()
                    + "). It needs: CREATE TABLE " + signalTable + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) "
                    + "NOT NULL, data VARCHAR(2048) NULL); GRANT INSERT, UPDATE, DELETE ON " + signalTable
                    + " TO <the Debezium user>", e);
        }
    }

    /** The signalling table named {@code db.table}. */
    public static TableId table(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException("the signalling table must be named db.table, got '" + qualified + "'");
        }
        return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}
