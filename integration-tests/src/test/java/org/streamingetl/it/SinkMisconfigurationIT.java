package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sink started with a wrong ClickHouse password, or pointed at a ClickHouse that is not there: it says so in one
 * line, on readiness and in its log, and never prints the password. Runs a separate sink process (its own port and
 * consumer group) next to the stack's.
 */
class SinkMisconfigurationIT {

    private static final int PORT = 18095;
    private static Stack stack;

    @BeforeAll
    static void stackIsReady() throws Exception {
        stack = Stack.ready("CLICKHOUSE_SINK_URL");
    }

    @Test
    void aWrongPasswordIsNamedAndNotLogged() throws Exception {
        String password = "not-the-password-4711";
        String readiness = runSink(Map.of("CLICKHOUSE_PASSWORD", password), "refused the credentials",
                "wrong-password");
        assertTrue(readiness.contains("check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD"), readiness);
        String log = Files.readString(logOf("wrong-password"));
        assertTrue(log.contains("refused the credentials"), "the log says what is wrong");
        assertFalse(log.contains(password), "the password never appears in the log");
    }

    @Test
    void anUnreachableClickHouseIsNamedAndRetried() throws Exception {
        String readiness = runSink(Map.of("CLICKHOUSE_HTTP_URL", "http://127.0.0.1:1"), "did not answer",
                "unreachable");
        assertTrue(readiness.contains("http://127.0.0.1:1"), readiness);
        assertTrue(Files.readString(logOf("unreachable")).contains("retrying in"), "it retries with backoff");
    }

    private static Path logOf(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), "sink-misconfiguration-" + name + ".log");
    }

    /** Starts a sink with the stack's endpoints plus {@code overrides}; returns its readiness once it mentions {@code mention}. */
    private static String runSink(Map<String, String> overrides, String mention, String name) throws Exception {
        Path jar = Path.of(System.getProperty("pipeline.platform"), "..", "clickhouse-sink", "target", "quarkus-app",
                "quarkus-run.jar").normalize();
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-Xmx128m", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(logOf(name).toFile());
        Map<String, String> env = builder.environment();
        for (String key : List.of("KAFKA_BOOTSTRAP", "CLICKHOUSE_HTTP_URL", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD",
                "TOPIC_PREFIX")) {
            env.put(key, stack.endpoints().get(key));
        }
        env.put("SINK_KAFKA_GROUP_ID", "misconfigured-sink-" + name);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(PORT));
        env.putAll(overrides);
        Process sink = builder.start();
        try {
            return Health.awaitReadiness("http://127.0.0.1:" + PORT, 503, mention, Duration.ofSeconds(90));
        } finally {
            sink.destroy();
            if (!sink.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                sink.destroyForcibly().waitFor();
            }
        }
    }
}
