package org.streamingetl.registrar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreflightCheckTest {

    private static final Map<String, String> GOOD = Map.of("log_bin", "ON", "binlog_format", "ROW",
            "binlog_row_image", "FULL", "server_id", "1");
    private static final List<String> MARIADB_GRANTS = List.of(
            "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `debezium`@`%` "
                    + "IDENTIFIED BY PASSWORD '*6514'");

    @Test
    void aServerSetUpForCdcPasses() {
        assertEquals(List.of(), PreflightCheck.check(GOOD, MARIADB_GRANTS, "debezium"));
        assertEquals(List.of(), PreflightCheck.check(GOOD, List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`%`"), "root"));
    }

    @Test
    void statementBinlogIsRefusedWithTheFix() {
        List<PreflightCheck.Problem> problems = PreflightCheck.check(Map.of("log_bin", "ON", "binlog_format", "STATEMENT",
                "binlog_row_image", "FULL", "server_id", "1"), MARIADB_GRANTS, "debezium");
        assertEquals(1, problems.size());
        assertEquals("binlog_format", problems.get(0).setting());
        assertEquals("STATEMENT", problems.get(0).current());
        assertTrue(problems.get(0).fix().contains("SET GLOBAL binlog_format = 'ROW'"), problems.get(0).fix());
    }

    @Test
    void everyMissingSettingIsNamed() {
        List<PreflightCheck.Problem> problems = PreflightCheck.check(Map.of("log_bin", "OFF", "binlog_format", "MIXED",
                "binlog_row_image", "MINIMAL", "server_id", "0"), MARIADB_GRANTS, "debezium");
        assertEquals(List.of("log_bin", "binlog_format", "binlog_row_image", "server_id"),
                problems.stream().map(PreflightCheck.Problem::setting).toList());
    }

    @Test
    void missingGrantsGiveTheGrantStatement() {
        List<PreflightCheck.Problem> problems = PreflightCheck.check(GOOD,
                List.of("GRANT SELECT ON *.* TO `cdc`@`%`", "GRANT ALL PRIVILEGES ON `shop`.* TO `cdc`@`%`"), "cdc");
        assertEquals(1, problems.size());
        assertEquals("run GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'cdc'@'%';",
                problems.get(0).fix());
    }

    @Test
    void aShortBinlogRetentionIsWarnedAboutAndGtidsAreReported() {
        List<String> notices = PreflightCheck.notices(Map.of("binlog_expire_logs_seconds", "3600",
                "gtid_strict_mode", "OFF"));
        assertTrue(notices.get(0).startsWith("binlog retention is only 3600 s"), notices.get(0));
        assertEquals("GTIDs (MariaDB): always on; gtid_strict_mode=OFF", notices.get(1));
        assertEquals("binlog retention: 7 day(s)", PreflightCheck.notices(Map.of("expire_logs_days", "7")).get(0));
        assertEquals("binlog retention: binlogs are never purged automatically",
                PreflightCheck.notices(Map.of("binlog_expire_logs_seconds", "0", "gtid_mode", "ON")).get(0));
        assertEquals("GTID mode (MySQL): ON",
                PreflightCheck.notices(Map.of("binlog_expire_logs_seconds", "0", "gtid_mode", "ON")).get(1));
    }
}
