package org.streamingetl.sink.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streamingetl.sink.clickhouse.ClickHouseGateway;

class ClickHouseProbeTest {

    @Test
    void aClickHouseThatDoesNotAnswerIsReportedEvenWithoutInserts() {
        StatusBoard board = new StatusBoard();
        board.clickHouseOk();
        try (ClickHouseGateway nobody = new ClickHouseGateway("http://127.0.0.1:1", "default", "", Duration.ofSeconds(1),
                Duration.ofSeconds(1)); ClickHouseProbe probe = new ClickHouseProbe(nobody, board)) {
            probe.check();
            assertTrue(board.clickHouseProblem().contains("does not answer"), board.clickHouseProblem());
            assertTrue(board.clickHouseProblem().contains("http://127.0.0.1:1"), board.clickHouseProblem());
        }
    }

    @Test
    void eachReplicaIsReportedAndReadinessIsDownOnlyWhenNoneAnswers() {
        StatusBoard board = new StatusBoard();
        board.clickHouseOk();
        try (ClickHouseGateway nobody = new ClickHouseGateway(java.util.List.of("http://127.0.0.1:1", "http://127.0.0.1:2"),
                "default", "", Duration.ofSeconds(1), Duration.ofSeconds(1));
             ClickHouseProbe probe = new ClickHouseProbe(nobody, board)) {
            probe.check();
            assertTrue(board.clickHouseProblem().contains("No ClickHouse replica answers"), board.clickHouseProblem());
            org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of("http://127.0.0.1:1", "http://127.0.0.1:2"),
                    board.clickHouseReplicas().keySet());
            assertTrue(board.clickHouseReplicas().get("http://127.0.0.1:2").contains("does not answer"));
        }
    }
}
