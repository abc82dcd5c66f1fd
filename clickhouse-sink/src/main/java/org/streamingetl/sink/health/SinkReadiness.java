package org.streamingetl.sink.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.sink.status.StatusBoard;

/**
 * Ready when Kafka and ClickHouse answer, no table is halted or refused, and the tables the sink reports are the
 * tables cdc-registrar announced (the audit); the check's data says what is wrong.
 */
@Readiness
@ApplicationScoped
public class SinkReadiness implements HealthCheck {

    @Inject
    StatusBoard board;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("clickhouse-sink").up();
        String clickHouse = board.clickHouseProblem();
        String kafka = board.kafkaProblem();
        if (clickHouse != null) {
            response.down().withData("clickhouse", clickHouse);
        }
        board.clickHouseReplicas().forEach((url, state) -> response.withData("clickhouse-replica:" + url, state));
        if (kafka != null) {
            response.down().withData("kafka", kafka);
        } else if (board.nanosSinceLastPoll() > 60_000_000_000L) {
            response.down().withData("kafka", "the sink loop has not polled Kafka for over 60 s");
        }
        for (SinkTableStatus table : board.halted()) {
            response.down().withData("halted:" + table.sourceTopic(), table.lastError());
        }
        for (SinkTableStatus table : board.refused()) {
            response.down().withData("refused:" + table.sourceTable(), table.lastError());
        }
        List<String> mismatches = board.auditMismatches();
        if (!mismatches.isEmpty()) {
            response.down().withData("audit", "the tables the sink reports differ from the tables cdc-registrar "
                    + "announced: " + String.join("; ", mismatches));
        }
        for (SinkTableStatus table : board.tables()) {
            response.withData("table:" + (table.sourceTable() != null ? table.sourceTable() : table.sourceTopic()),
                    table.state() + ", " + table.rowsWritten() + " rows written");
        }
        return response.build();
    }
}
