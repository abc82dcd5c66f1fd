package org.streamingetl.registrar.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.common.verify.ChunkMarkers;

/**
 * Talks to MySQL for the drift check: finds the chunks' key bounds, and computes a chunk's count and checksum in the
 * transaction that writes its marker row. The checksum query takes shared locks on the chunk's rows and gaps
 * (REPEATABLE READ), so no other transaction changes the chunk between the read and the commit: the marker's row
 * event follows, in the binlog, every change the checksum includes and precedes every change it does not.
 */
final class MarkerWriter {

    /** A marker written: its chunk's count and checksum in MySQL. */
    record Written(long rows, String checksum) {
    }

    private final DataSource dataSource;
    private final String markerTable;
    private final ObjectMapper json = new ObjectMapper();

    MarkerWriter(DataSource dataSource, TableId markerTable) {
        this.dataSource = dataSource;
        this.markerTable = SourceChecksum.ident(markerTable.database()) + "." + SourceChecksum.ident(markerTable.table());
    }

    /** Creates the marker table when it is missing. */
    void ensureTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try {
                s.executeQuery("SELECT 1 FROM " + markerTable + " LIMIT 0").close();
                return; // exists (the Debezium user may not be allowed to CREATE, even IF NOT EXISTS)
            } catch (SQLException missing) {
                // created below
            }
            s.execute(ChunkMarkers.createTable(markerTable));
        } catch (SQLException e) {
            throw new SQLException("cannot create the drift check's marker table " + markerTable + " (" + e.getMessage()
                    + "). Create it as an administrator: " + ChunkMarkers.createTable(markerTable)
                    + "; GRANT INSERT ON " + markerTable + " TO <the Debezium user>", e);
        }
    }

    /** The key {@code rows} rows after {@code lower} (null: from the first key), or null when fewer rows follow. */
    List<String> boundary(SourceChecksum table, List<String> lower, int rows) throws SQLException {
        try (Connection c = session(); PreparedStatement s = c.prepareStatement(table.boundaryQuery(lower != null, rows))) {
            bind(s, lower == null ? List.of() : table.afterParameters(lower));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                List<String> key = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    key.add(rs.getString(i));
                }
                return key;
            }
        }
    }

    /** Computes the chunk's count and checksum under shared locks and writes its marker in the same transaction. */
    Written write(SourceChecksum table, String checkId, TableId id, int chunk, int attempt, List<String> lower,
                  List<String> upper) throws SQLException {
        try (Connection c = session()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try {
                long rows;
                String checksum;
                try (PreparedStatement s = c.prepareStatement(table.checksumQuery(lower, upper))) {
                    bind(s, table.rangeParameters(lower, upper));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        rows = rs.getLong(1);
                        checksum = rs.getString(2);
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + markerTable + " (" + ChunkMarkers.ID + ", "
                        + ChunkMarkers.CHECK_ID + ", " + ChunkMarkers.TABLE + ", " + ChunkMarkers.CHUNK + ", "
                        + ChunkMarkers.ATTEMPT + ", " + ChunkMarkers.LOWER + ", " + ChunkMarkers.UPPER + ", "
                        + ChunkMarkers.COLUMNS + ", " + ChunkMarkers.ROWS + ", " + ChunkMarkers.CHECKSUM
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, java.util.UUID.randomUUID().toString()); // one check covers several tables
                    s.setString(2, checkId);
                    s.setString(3, id.toString());
                    s.setInt(4, chunk);
                    s.setInt(5, attempt);
                    s.setString(6, lower == null ? null : json.writeValueAsString(lower));
                    s.setString(7, upper == null ? null : json.writeValueAsString(upper));
                    s.setString(8, json.writeValueAsString(table.columnNames()));
                    s.setLong(9, rows);
                    s.setString(10, checksum);
                    s.executeUpdate();
                }
                c.commit();
                return new Written(rows, checksum);
            } catch (SQLException | JsonProcessingException e) {
                c.rollback();
                throw e instanceof SQLException sql ? sql : new SQLException(e);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A pooled connection whose session logs rows and reads TIMESTAMPs in UTC. */
    private Connection session() throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00', SESSION binlog_format = 'ROW'");
        } catch (SQLException e) {
            // binlog_format needs SUPER (or BINLOG ADMIN) to set; the global ROW format (checked at start) is enough.
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION time_zone = '+00:00'");
            }
        }
        return c;
    }

    private static void bind(PreparedStatement s, List<String> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            s.setString(i + 1, parameters.get(i));
        }
    }
}
