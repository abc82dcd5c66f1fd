package org.streamingetl.registrar.source;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.topics.TableId;

/** Reads the source server over JDBC: its version, and each table's exact structure from information_schema. */
@ApplicationScoped
public class SourceInspector {

    @Inject
    AgroalDataSource dataSource;

    private volatile Boolean mariadb;

    public String version() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT VERSION()");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        }
    }

    /** The server's settings and grants that {@link PreflightCheck} looks at. */
    public record ServerSetup(Map<String, String> variables, List<String> grants) {
    }

    /** Reads what {@link PreflightCheck} needs. */
    public ServerSetup setup() throws SQLException {
        Map<String, String> variables = new java.util.HashMap<>();
        List<String> grants = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SHOW GLOBAL VARIABLES WHERE Variable_name IN "
                    + "('log_bin', 'binlog_format', 'binlog_row_image', 'server_id', 'binlog_expire_logs_seconds', "
                    + "'expire_logs_days', 'gtid_mode', 'gtid_strict_mode')"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    variables.put(r.getString(1).toLowerCase(java.util.Locale.ROOT), r.getString(2));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SHOW GRANTS"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    grants.add(r.getString(1));
                }
            }
        }
        return new ServerSetup(variables, grants);
    }

    /** The base tables of the given database. */
    public List<String> tables(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES "
                     + "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
        }
        return tables;
    }

    /** The table's columns and primary key, or empty when it does not exist (any more). */
    /**
     * The tables named {@code db.table} in a request, each checked to be a table of one of the captured
     * {@code databases}; an {@link IllegalArgumentException} says which name is not.
     */
    public List<TableId> captured(List<String> names, List<String> databases) throws SQLException {
        List<TableId> ids = new java.util.ArrayList<>();
        for (String name : names) {
            int dot = name == null ? -1 : name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                throw new IllegalArgumentException("'" + name + "' is not a table name of the form db.table");
            }
            TableId id = new TableId(name.substring(0, dot), name.substring(dot + 1));
            if (!databases.contains(id.database()) || structure(id).isEmpty()) {
                throw new IllegalArgumentException("table " + name + " is not captured (databases " + databases + ")");
            }
            ids.add(id);
        }
        return ids;
    }

    public Optional<TableStructure> structure(TableId table) throws SQLException {
        Map<String, ColumnDefinition> columns = new LinkedHashMap<>();
        List<String> primaryKey = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, COLUMN_TYPE, "
                    + "CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE, "
                    + "COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
                s.setString(1, table.database());
                s.setString(2, table.table());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        boolean nullable = "YES".equals(r.getString(9));
                        ColumnDefinition column = ColumnTypes.column(r.getString(1), r.getInt(2), r.getString(3),
                                r.getString(4), nullableLong(r, 5), nullableInt(r, 6), nullableInt(r, 7),
                                nullableInt(r, 8), nullable, ColumnDefaults.parse(r.getString(10), r.getString(11),
                                        mariadb(), r.getString(3), nullable));
                        columns.put(column.name(), column);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                    + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
                s.setString(1, table.database());
                s.setString(2, table.table());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        primaryKey.add(r.getString(1));
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableStructure(List.copyOf(columns.values()), primaryKey));
    }

    /** MariaDB writes column defaults as SQL, MySQL as bare values ({@link ColumnDefaults}). */
    private boolean mariadb() throws SQLException {
        if (mariadb == null) {
            mariadb = version().toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        }
        return mariadb;
    }

    private static Long nullableLong(ResultSet r, int i) throws SQLException {
        long v = r.getLong(i);
        return r.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet r, int i) throws SQLException {
        int v = r.getInt(i);
        return r.wasNull() ? null : v;
    }

    /** Columns in ordinal order and the primary key in key order. */
    public record TableStructure(List<ColumnDefinition> columns, List<String> primaryKey) {
    }
}
