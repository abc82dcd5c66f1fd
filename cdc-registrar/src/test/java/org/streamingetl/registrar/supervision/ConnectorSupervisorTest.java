package org.streamingetl.registrar.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.SourceStatus;

class ConnectorSupervisorTest {

    private static SourceStatus parse(String json) throws Exception {
        return ConnectorSupervisor.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void runningConnectorAndTasksHaveNoProblem() throws Exception {
        SourceStatus status = parse("{\"name\":\"c\",\"connector\":{\"state\":\"RUNNING\"},"
                + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"}]}");
        assertNull(status.message());
        assertEquals("RUNNING", status.tasks().get(0).state());
    }

    @Test
    void aFailedTaskIsNamedWithTheFirstLineOfItsTrace() throws Exception {
        SourceStatus status = parse("{\"name\":\"c\",\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[{\"id\":0,"
                + "\"state\":\"FAILED\",\"trace\":\"org.apache.kafka.connect.errors.ConnectException: Access denied\\n\\tat x.y\"}]}");
        assertEquals("task 0 is FAILED: org.apache.kafka.connect.errors.ConnectException: Access denied", status.message());
        assertEquals("org.apache.kafka.connect.errors.ConnectException: Access denied", status.tasks().get(0).error());
    }

    @Test
    void aConnectorWithoutTasksIsNotRunningYet() throws Exception {
        assertEquals("connector has no task yet",
                parse("{\"name\":\"c\",\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[]}").message());
    }
}
