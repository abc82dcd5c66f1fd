package org.streamingetl.registrar.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.SourceStatus;

/** Reading Kafka Connect's GET /connectors/{name}/status. */
class ConnectorSupervisorTest {

    private static SourceStatus parse(String json) throws Exception {
        return ConnectorSupervisor.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void aRunningConnectorWithRunningTasksHasNoProblem() throws Exception {
        SourceStatus status = parse("""
                {"name": "cdc", "connector": {"state": "RUNNING", "worker_id": "10.0.0.5:8083"},
                 "tasks": [{"id": 0, "state": "RUNNING", "worker_id": "10.0.0.5:8083"}], "type": "source"}""");
        assertNull(status.message());
        assertEquals("cdc", status.connector());
        assertEquals("RUNNING", status.state());
        assertEquals(List.of(new SourceStatus.TaskState(0, "RUNNING", null)), status.tasks());
    }

    @Test
    void aFailedTaskIsNamedWithTheFirstLineOfItsTraceOnly() throws Exception {
        SourceStatus status = parse("""
                {"name": "cdc", "connector": {"state": "RUNNING", "worker_id": "w:8083"},
                 "tasks": [{"id": 0, "state": "FAILED", "worker_id": "w:8083",
                            "trace": "org.apache.kafka.connect.errors.ConnectException: Access denied for user 'debezium'\\n\\tat io.debezium.Foo.bar(Foo.java:1)\\n\\tat java.base/java.lang.Thread.run(Thread.java:840)\\n"}],
                 "type": "source"}""");
        assertEquals("task 0 is FAILED: org.apache.kafka.connect.errors.ConnectException: Access denied for user 'debezium'",
                status.message());
        assertEquals("org.apache.kafka.connect.errors.ConnectException: Access denied for user 'debezium'",
                status.tasks().get(0).error());
    }

    @Test
    void aFailedTaskWithoutTraceIsStillNamed() throws Exception {
        SourceStatus status = parse("""
                {"name": "cdc", "connector": {"state": "RUNNING"}, "tasks": [{"id": 2, "state": "FAILED"}]}""");
        assertEquals("task 2 is FAILED", status.message());
        assertNull(status.tasks().get(0).error());
    }

    @Test
    void theFirstTaskThatIsNotRunningIsNamed() throws Exception {
        SourceStatus status = parse("""
                {"name": "cdc", "connector": {"state": "RUNNING"},
                 "tasks": [{"id": 0, "state": "RUNNING"}, {"id": 1, "state": "PAUSED"}, {"id": 2, "state": "FAILED", "trace": "x"}]}""");
        assertEquals("task 1 is PAUSED", status.message());
        assertEquals("x", status.tasks().get(2).error());
    }

    @Test
    void aFailedConnectorIsReportedBeforeItsTasks() throws Exception {
        SourceStatus status = parse("""
                {"name": "cdc", "connector": {"state": "FAILED", "trace": "java.lang.IllegalStateException: boom\\n\\tat a.b"},
                 "tasks": [{"id": 0, "state": "FAILED", "trace": "other"}]}""");
        assertEquals("connector is FAILED: java.lang.IllegalStateException: boom", status.message());
        assertEquals("FAILED", status.state());
    }

    @Test
    void aConnectorWithoutTasksHasNoTaskYet() throws Exception {
        SourceStatus status = parse("""
                {"name": "cdc", "connector": {"state": "RUNNING"}, "tasks": []}""");
        assertEquals("connector has no task yet", status.message());
        assertEquals(List.of(), status.tasks());
    }
}
