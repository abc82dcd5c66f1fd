package org.streamingetl.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The source database, as the application user of {@code streaming_etl_db}. */
public final class MySql {

    private final Endpoints endpoints;

    public MySql(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + endpoints.get("MYSQL_HOST") + ":" + endpoints.get("MYSQL_PORT")
                        + "/" + endpoints.get("MYSQL_DATABASE") + "?useSSL=false&allowPublicKeyRetrieval=true"
                        + "&characterEncoding=UTF-8&connectionTimeZone=UTC",
                endpoints.get("MYSQL_USER"), endpoints.get("MYSQL_PASSWORD"));
    }

    /** Runs statements as the database's admin user (grants, users, global variables). */
    public void executeAsAdmin(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + endpoints.get("MYSQL_HOST") + ":"
                + endpoints.get("MYSQL_PORT") + "/?useSSL=false&allowPublicKeyRetrieval=true",
                endpoints.get("MYSQL_ADMIN_USER"), endpoints.get("MYSQL_ADMIN_PASSWORD"));
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    public void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Rows of a query as tab-separated text, each value as MySQL prints it (NULL as \N). */
    public List<String> rows(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return rows(s, sql);
        }
    }

    /** Rows of a query on a statement of the caller's session (e.g. after SET time_zone). */
    public static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (i > 1) {
                        row.append('\t');
                    }
                    String v = r.getString(i);
                    row.append(v == null ? "\\N" : v);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
