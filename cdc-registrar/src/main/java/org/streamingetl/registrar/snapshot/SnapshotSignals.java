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
                    tables.stream().map(SnapshotSignals::dataCollection).toList(), "type", "incremental"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String sql = "INSERT INTO `" + signalTable.database().replace("`", "``") + "`.`"
                + signalTable.table().replace("`", "``") + "` (id, type, data) VALUES (?, 'execute-snapshot', ?)";
        try (Connection c = rowFormatConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.setString(2, data);
            s.executeUpdate();
        } catch (IllegalStateException e) {
            throw new SQLException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new SQLException("cannot write the snapshot signal into " + signalTable + " (" + e.getMessage()
                    + "). It needs: CREATE TABLE " + signalTable + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) "
                    + "NOT NULL, data VARCHAR(2048) NULL); GRANT INSERT, UPDATE, DELETE ON " + signalTable
                    + " TO <the Debezium user>", e);
        }
    }

    /**
     * A connection whose session logs rows (binlog_format ROW): Debezium sees the signal only as a row event. A pooled
     * connection keeps the session format it was opened with, so one opened while the server was set to STATEMENT
     * (and fixed since, see the preflight) would write a signal Debezium never sees: the pool is emptied then.
     */
    private Connection rowFormatConnection() throws SQLException {
        for (int attempt = 0; ; attempt++) {
            Connection c = dataSource.getConnection();
            String format = sessionFormat(c);
            if ("ROW".equalsIgnoreCase(format)) {
                return c;
            }
            c.close();
            if (attempt >= 3 || !(dataSource instanceof io.agroal.api.AgroalDataSource pool)) {
                throw new IllegalStateException("the source database logs this session's statements with binlog_format="
                        + format + ", so Debezium would not see the snapshot signal: set binlog_format=ROW globally");
            }
            pool.flush(io.agroal.api.AgroalDataSource.FlushMode.ALL);
        }
    }

    private static String sessionFormat(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT @@SESSION.binlog_format")) {
            return rs.next() ? rs.getString(1) : "unknown";
        }
    }

    /**
     * A table as Debezium's signal names it: each part in double quotes, so that names with dots, spaces or other
     * characters parse ({@code "db"."weird-name.x"}; Debezium's notifications name it {@code db.weird-name.x}).
     */
    static String dataCollection(TableId table) {
        return quote(table.database()) + "." + quote(table.table());
    }

    private static String quote(String part) {
        return "\"" + part.replace("\"", "\"\"") + "\"";
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
