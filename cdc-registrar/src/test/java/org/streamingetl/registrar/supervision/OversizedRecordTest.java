package org.streamingetl.registrar.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OversizedRecordTest {

    /** What Kafka Connect 4.1.1 reported here for a 5 MB LONGTEXT row under the producer's default 1 MiB limit. */
    static final String TRACE = """
            org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from producer send callback
            \tat org.apache.kafka.connect.runtime.WorkerSourceTask.maybeThrowProducerSendException(WorkerSourceTask.java:348)
            \tat org.apache.kafka.connect.runtime.WorkerSourceTask.prepareToPollTask(WorkerSourceTask.java:127)
            \tat java.base/java.lang.Thread.run(Thread.java:840)
            Caused by: org.apache.kafka.common.errors.RecordTooLargeException: The message is 5003082 bytes when \
            serialized which is larger than 1048576, which is the value of the max.request.size configuration.
            """;

    @Test
    void theProducersLimitWithBothSizes() {
        assertEquals(Optional.of(new OversizedRecord(5003082, 1048576, "max.request.size")), OversizedRecord.in(TRACE));
    }

    @Test
    void theProducersBufferAndTheBrokersLimit() {
        assertEquals(Optional.of(new OversizedRecord(40000000, -1, "buffer.memory")), OversizedRecord.in(
                "Caused by: org.apache.kafka.common.errors.RecordTooLargeException: The message is 40000000 bytes when"
                        + " serialized which is larger than the total memory buffer you have configured with the"
                        + " buffer.memory configuration."));
        assertEquals(Optional.of(new OversizedRecord(-1, -1, "message.max.bytes")), OversizedRecord.in(
                "Caused by: org.apache.kafka.common.errors.RecordTooLargeException: The request included a message"
                        + " larger than the max message size the server will accept."));
    }

    @Test
    void otherFailuresAreNotOversizedRecords() {
        assertEquals(Optional.empty(), OversizedRecord.in(null));
        assertEquals(Optional.empty(), OversizedRecord.in("org.apache.kafka.connect.errors.ConnectException: "
                + "Access denied for user 'debezium'"));
    }

    @Test
    void theLineNamesTheTableTheSizeAndTheSetting() {
        String line = OversizedRecord.in(TRACE).orElseThrow().describe("table streaming_etl_db.big");
        assertTrue(line.startsWith("a change event of table streaming_etl_db.big is 4.8 MiB (5003082 bytes) as a Kafka"
                + " record, over the limit of 1.0 MiB (1048576 bytes) (max.request.size)"), line);
        assertTrue(line.contains("PIPELINE_MAX_ROW_BYTES"), line);
        assertTrue(line.contains("registrar.connector.max-row-bytes"), line);
        assertTrue(line.contains("not restarted automatically"), line);
    }

    @Test
    void theDiagnosisLooksTheEventUpOncePerFailure() throws Exception {
        int[] lookups = new int[1];
        OversizedRecordDiagnosis diagnosis = new OversizedRecordDiagnosis(r -> {
            lookups[0]++;
            return Optional.of("table streaming_etl_db.big");
        });
        ObjectNode status = new ObjectMapper().createObjectNode();
        status.putObject("connector").put("state", "RUNNING");
        ObjectNode task = status.putArray("tasks").addObject();
        task.put("id", 0).put("state", "FAILED").put("trace", TRACE);
        assertTrue(diagnosis.of(status).orElseThrow().startsWith("task 0 failed: a change event of table streaming_etl_db.big"));
        diagnosis.of(status);
        assertEquals(1, lookups[0]);
        task.put("state", "RUNNING");
        assertEquals(Optional.empty(), diagnosis.of(status));
    }
}
