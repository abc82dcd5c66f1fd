package org.streamingetl.common.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.health.ThreadFailures;

class ControlReaderTest {

    @Test
    void aReaderThatCannotGoOnIsReportedToItsWatcher() throws Exception {
        ThreadFailures failures = new ThreadFailures();
        // Nothing listens on port 1: the reader's first call gives up after the client's API timeout.
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000, CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 500);
        ControlListener ignore = (key, event) -> { };
        ControlReader reader = new ControlReader(kafka, "control", new ControlCodec("test"), ignore, "test-reader")
                .watchedBy(failures);
        reader.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (failures.first().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String reason = failures.first().orElse("");
        assertTrue(reason.contains("test-reader") && reason.contains("control topic reader for control stopped"), reason);
    }
}
