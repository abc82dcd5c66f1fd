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
}
