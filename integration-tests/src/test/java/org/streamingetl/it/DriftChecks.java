package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;

/** Runs a drift check through cdc-registrar's API ({@code POST /source/verify}) and waits for its answer. */
final class DriftChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftChecks() {
    }

    /** Checks {@code table} ({@code db.table}) and returns its entry of {@code GET /source/verify} once it ended. */
    static JsonNode run(Stack stack, String table) throws Exception {
        String registrar = stack.endpoints().get("CDC_REGISTRAR_URL");
        var started = Http.post(registrar + "/source/verify", stack.endpoints().get("REGISTRAR_API_TOKEN"),
                "{\"tables\": [\"" + table + "\"]}");
        assertEquals(202, started.statusCode(), started.body());
        String checkId = JSON.readTree(started.body()).path("checkId").asText();
        JsonNode[] result = new JsonNode[1];
        Await.equal("the check of " + table + " ends", true, () -> {
            for (JsonNode t : JSON.readTree(Http.get(registrar + "/source/verify")).path("tables")) {
                if (t.path("table").asText().equals(table) && t.path("checkId").asText().equals(checkId)
                        && !t.path("state").asText().equals("RUNNING")) {
                    result[0] = t;
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(180));
        return result[0];
    }
}
