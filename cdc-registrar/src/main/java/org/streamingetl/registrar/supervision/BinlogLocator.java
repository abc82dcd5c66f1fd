package org.streamingetl.registrar.supervision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Finds the table of a change event too large for Kafka. Kafka Connect's task trace names neither the record's topic
 * nor its table (only its size), so this reads the binlog from the connector's last committed position
 * ({@code SHOW BINLOG EVENTS}, which the CDC user's REPLICATION CLIENT/SLAVE grants allow) and picks the first rows
 * event that large. Best effort: the answer says where in the binlog it looked.
 */
public final class BinlogLocator {

    /** How many binlog events after the committed position are read at most. */
    static final int MAX_EVENTS = 5000;
    private static final Pattern TABLE_MAP = Pattern.compile("table_id: (\\d+) \\((.+)\\)");
    private static final Pattern TABLE_ID = Pattern.compile("table_id: (\\d+)");

    /** One line of {@code SHOW BINLOG EVENTS}. */
    public record Event(long pos, String type, long endPos, String info) {
        long size() {
            return endPos - pos;
        }

        boolean isRows() {
            return type.startsWith("Write_rows") || type.startsWith("Update_rows") || type.startsWith("Delete_rows");
        }
    }

    /** Where the oversized event is: the table ({@code db.table}), the binlog file and the event's position and size. */
    public record Location(String table, String file, long pos, long eventBytes) {
        public String describe() {
            return "table " + table + " (binlog " + file + " at " + pos + ", a rows event of " + eventBytes + " bytes)";
        }
    }

    private final DataSource dataSource;

    public BinlogLocator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The event too large for a record of {@code recordBytes} or a limit of {@code limitBytes}, read from the binlog. */
    public Optional<Location> locate(String file, long pos, long recordBytes, long limitBytes) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SHOW BINLOG EVENTS IN ? FROM " + pos + " LIMIT " + MAX_EVENTS)) {
            s.setString(1, file);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong("Pos"), rs.getString("Event_type"), rs.getLong("End_log_pos"),
                            rs.getString("Info")));
                }
            }
        }
        return pick(events, file, recordBytes, limitBytes);
    }

    /**
     * The first rows event at least 3/4 of the record's size (JSON is at least the row's bytes, base64 makes it 4/3;
     * an UPDATE's binlog event has both images like the record) or, without a size, of the limit; else the largest.
     */
    static Optional<Location> pick(List<Event> events, String file, long recordBytes, long limitBytes) {
        long reference = recordBytes > 0 ? recordBytes : limitBytes;
        long threshold = reference > 0 ? reference * 3 / 4 - 64 * 1024 : Long.MAX_VALUE;
        Map<String, String> tables = new HashMap<>();
        Location largest = null;
        for (Event e : events) {
            if (e.type().equals("Table_map")) {
                Matcher m = TABLE_MAP.matcher(e.info());
                if (m.find()) {
                    tables.put(m.group(1), m.group(2));
                }
                continue;
            }
            if (!e.isRows()) {
                continue;
            }
            Matcher id = TABLE_ID.matcher(e.info() == null ? "" : e.info());
            String table = id.find() ? tables.getOrDefault(id.group(1), "?") : "?";
            Location here = new Location(table, file, e.pos(), e.size());
            if (e.size() >= threshold) {
                return Optional.of(here);
            }
            if (largest == null || e.size() > largest.eventBytes()) {
                largest = here;
            }
        }
        return Optional.ofNullable(largest);
    }
}
