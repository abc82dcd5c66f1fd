package org.streamingetl.registrar.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that a MySQL/MariaDB server is set up for Debezium, from values read off the server (pure, unit-tested).
 * Each problem names the setting, its current value and the exact fix.
 */
public final class PreflightCheck {

    /** The privileges Debezium's MySQL/MariaDB connectors need. */
    public static final List<String> REQUIRED_PRIVILEGES = List.of("SELECT", "RELOAD", "SHOW DATABASES",
            "REPLICATION SLAVE", "REPLICATION CLIENT");

    private PreflightCheck() {
    }

    /** One failed check. */
    public record Problem(String setting, String current, String fix) {
        @Override
        public String toString() {
            return setting + " is " + current + ": " + fix;
        }
    }

    /**
     * @param variables server variables by lower-case name ({@code log_bin}, {@code binlog_format},
     *                  {@code binlog_row_image}, {@code server_id})
     * @param grants    the lines of {@code SHOW GRANTS} for the connector's user
     * @param user      the connector's user, for the GRANT statement in the fix
     */
    public static List<Problem> check(Map<String, String> variables, List<String> grants, String user) {
        List<Problem> problems = new ArrayList<>();
        String logBin = variables.getOrDefault("log_bin", "OFF");
        if (!isOn(logBin)) {
            problems.add(new Problem("log_bin", logBin, "enable the binary log: add 'log_bin=mysql-bin' under [mysqld] "
                    + "in the server's config and restart it"));
        }
        String format = variables.getOrDefault("binlog_format", "unknown");
        if (!"ROW".equalsIgnoreCase(format)) {
            problems.add(new Problem("binlog_format", format, "Debezium needs row events: run "
                    + "SET GLOBAL binlog_format = 'ROW'; and add 'binlog_format=ROW' under [mysqld] to keep it"));
        }
        String image = variables.getOrDefault("binlog_row_image", "unknown");
        if (!"FULL".equalsIgnoreCase(image)) {
            problems.add(new Problem("binlog_row_image", image, "updates and deletes need whole rows: run "
                    + "SET GLOBAL binlog_row_image = 'FULL'; and add 'binlog_row_image=FULL' under [mysqld]"));
        }
        String serverId = variables.getOrDefault("server_id", "0");
        if ("0".equals(serverId.trim())) {
            problems.add(new Problem("server_id", serverId, "a replication source needs a server id: add "
                    + "'server_id=1' under [mysqld] and restart"));
        }
        List<String> missing = missingPrivileges(grants);
        if (!missing.isEmpty()) {
            problems.add(new Problem("grants of " + user, "missing " + String.join(", ", missing),
                    "run GRANT " + String.join(", ", missing) + " ON *.* TO '" + user + "'@'%';"));
        }
        return problems;
    }

    /**
     * Things that do not stop CDC but an operator should know: a short binlog retention (a connector that is down
     * longer than it loses its position and must re-snapshot) and the GTID mode.
     *
     * @param variables lower-case names: {@code binlog_expire_logs_seconds}, {@code expire_logs_days},
     *                  {@code gtid_mode} (MySQL), {@code gtid_strict_mode} (MariaDB)
     */
    public static List<String> notices(Map<String, String> variables) {
        List<String> notices = new ArrayList<>();
        long retention = retentionSeconds(variables);
        if (retention > 0 && retention < 86_400) {
            notices.add("binlog retention is only " + retention + " s: if the connector is down longer, its position "
                    + "is purged and the tables must be snapshotted again; consider "
                    + "SET GLOBAL binlog_expire_logs_seconds = 604800");
        } else {
            notices.add("binlog retention: " + (retention == 0 ? "binlogs are never purged automatically"
                    : retention / 86_400 + " day(s)"));
        }
        if (variables.containsKey("gtid_mode")) {
            notices.add("GTID mode (MySQL): " + variables.get("gtid_mode"));
        } else if (variables.containsKey("gtid_strict_mode")) {
            notices.add("GTIDs (MariaDB): always on; gtid_strict_mode=" + variables.get("gtid_strict_mode"));
        }
        return notices;
    }

    private static long retentionSeconds(Map<String, String> variables) {
        long seconds = parseLong(variables.get("binlog_expire_logs_seconds"));
        if (seconds > 0) {
            return seconds;
        }
        return Math.round(parseDouble(variables.get("expire_logs_days")) * 86_400);
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<String> missingPrivileges(List<String> grants) {
        List<String> missing = new ArrayList<>();
        boolean all = false;
        StringBuilder granted = new StringBuilder();
        for (String grant : grants) {
            String g = grant.toUpperCase(Locale.ROOT);
            if (!g.contains(" ON *.* ")) {
                continue;
            }
            if (g.startsWith("GRANT ALL PRIVILEGES ON *.*")) {
                all = true;
            }
            granted.append(g, 0, g.indexOf(" ON *.* ")).append(',');
        }
        if (all) {
            return missing;
        }
        String privileges = "," + granted.toString().replace("GRANT ", "").replace(", ", ",") + ",";
        for (String required : REQUIRED_PRIVILEGES) {
            boolean has = privileges.contains("," + required + ",")
                    || required.equals("REPLICATION CLIENT") && privileges.contains(",BINLOG MONITOR,");
            if (!has) {
                missing.add(required);
            }
        }
        return missing;
    }

    private static boolean isOn(String value) {
        return "ON".equalsIgnoreCase(value) || "1".equals(value);
    }
}
