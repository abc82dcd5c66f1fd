package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cdc-registrar refuses a source that is not set up for CDC, says what is wrong and how to fix it, and goes on by
 * itself once it is fixed: here the real MariaDB is switched to {@code binlog_format=STATEMENT} while the registrar
 * restarts.
 */
class RegistrarPreflightIT {

    private static Stack stack;

    @BeforeAll
    static void registrarIsReady() throws Exception {
        stack = Stack.ready("CDC_REGISTRAR_URL");
    }

    @Test
    void statementBinlogKeepsTheRegistrarNotReadyWithTheFixUntilItIsRow() throws Exception {
        setBinlogFormat("STATEMENT");
        try {
            Platform.run("services.sh", "restart", "cdc-registrar");
            String readiness = Health.awaitReadiness(stack.endpoints().get("CDC_REGISTRAR_URL"), 503, "binlog_format",
                    Duration.ofSeconds(60));
            assertTrue(readiness.contains("STATEMENT") && readiness.contains("SET GLOBAL binlog_format = 'ROW'"), readiness);
        } finally {
            setBinlogFormat("ROW");
        }
        Health.awaitReadiness(stack.endpoints().get("CDC_REGISTRAR_URL"), 200, "RUNNING", Duration.ofSeconds(90));
    }

    @Test
    void aMissingGrantIsNamedWithTheGrantStatement() throws Exception {
        String user = stack.endpoints().get("DEBEZIUM_MYSQL_USER");
        stack.mysql().executeAsAdmin("REVOKE REPLICATION SLAVE ON *.* FROM '" + user + "'@'%'",
                "REVOKE REPLICATION SLAVE ON *.* FROM '" + user + "'@'localhost'");
        try {
            Platform.run("services.sh", "restart", "cdc-registrar");
            String readiness = Health.awaitReadiness(stack.endpoints().get("CDC_REGISTRAR_URL"), 503, "grants of",
                    Duration.ofSeconds(60));
            assertTrue(readiness.contains("missing REPLICATION SLAVE")
                    && readiness.contains("GRANT REPLICATION SLAVE ON *.* TO '" + user + "'@'%'"), readiness);
        } finally {
            stack.mysql().executeAsAdmin("GRANT REPLICATION SLAVE ON *.* TO '" + user + "'@'%'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + user + "'@'localhost'");
        }
        Health.awaitReadiness(stack.endpoints().get("CDC_REGISTRAR_URL"), 200, "RUNNING", Duration.ofSeconds(90));
    }

    private static void setBinlogFormat(String format) throws Exception {
        stack.mysql().executeAsAdmin("SET GLOBAL binlog_format = '" + format + "'");
    }
}
