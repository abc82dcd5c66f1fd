package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sink started with an invalid setting stops at once with a non-zero exit and one line naming the property, its
 * value and what is allowed, instead of running "live" with a dead starter thread. The real sink (its built jar,
 * as platform/services.sh runs it) is started next to the stack's, pointed at the stack's Kafka and ClickHouse, so
 * that only the setting is wrong.
 */
class SinkConfigValidationIT {

    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CLICKHOUSE_SINK_URL");
    }

    @Test
    void anIncludePatternThatDoesNotCompileStopsTheSinkNamingIt() throws Exception {
        String line = runSinkUntilItExits(Map.of("SINK_TABLES_INCLUDE", "("), "bad-include");
        assertTrue(line.contains("sink.tables.include=(") && line.contains("not a valid regular expression"), line);
    }

    @Test
    void zeroRecordsPerPollStopsTheSinkNamingIt() throws Exception {
        String line = runSinkUntilItExits(Map.of("SINK_KAFKA_MAX_POLL_RECORDS", "0"), "zero-poll-records");
        assertTrue(line.contains("sink.kafka.max-poll-records=0: must be at least 1"), line);
    }

    @Test
    void aTableOptionWhoseMatchDoesNotCompileStopsTheSinkNamingIt() throws Exception {
        String line = runSinkUntilItExits(Map.of("SINK_TABLE_OPTIONS_0__MATCH", "shop\\.(",
                "SINK_TABLE_OPTIONS_0__ORDER_BY", "tenant_id,id"), "bad-table-option");
        assertTrue(line.contains("sink.table-options[0].match=shop\\.(: is not a valid regular expression"), line);
    }

    /** Starts a sink with the stack's endpoints plus {@code overrides}; returns its log line naming the problem. */
    private static String runSinkUntilItExits(Map<String, String> overrides, String name) throws Exception {
        Path jar = Path.of(System.getProperty("pipeline.platform"), "..", "clickhouse-sink", "target", "quarkus-app",
                "quarkus-run.jar").normalize();
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "sink-config-validation-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-Xmx128m", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        for (String key : List.of("KAFKA_BOOTSTRAP", "CLICKHOUSE_HTTP_URL", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD",
                "TOPIC_PREFIX")) {
            env.put(key, stack.endpoints().get(key));
        }
        env.put("SINK_KAFKA_GROUP_ID", "invalid-config-sink-" + name);
        env.put("QUARKUS_HTTP_PORT", "0");
        env.putAll(overrides);
        Process sink = builder.start();
        try {
            // Generous for a slow machine: the sink stops within seconds; a sink that keeps running fails here.
            boolean exited = sink.waitFor(90, TimeUnit.SECONDS);
            String output = Files.readString(log);
            assertTrue(exited, "the sink did not stop on an invalid setting; its output:\n" + output);
            assertNotEquals(0, sink.exitValue(), "the exit code says it failed");
            return output.lines().filter(l -> l.contains("Invalid configuration: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line names the invalid setting:\n" + output));
        } finally {
            sink.destroyForcibly().waitFor();
        }
    }
}
