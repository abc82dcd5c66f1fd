package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local mode heals itself (platform/supervisor.sh, which ./deploy.sh starts): ClickHouse and the sink killed
 * with SIGKILL by someone else than the platform scripts (as the kernel's OOM killer or a user would) are started
 * again under load and nothing is lost; a service stopped through the scripts stays stopped.
 */
class LocalSupervisorIT {

    private static final Map<String, String> FAST = Map.of("SUPERVISOR_INTERVAL", "1");
    private static Stack stack;

    @BeforeAll
    static void supervisorRuns() throws Exception {
        stack = Stack.ready();
        Platform.run(FAST, "supervisor.sh", "start");
    }

    @AfterAll
    static void stopSupervisor() throws Exception {
        Platform.run("supervisor.sh", "stop");
        Platform.run("stack.sh", "up");
        Platform.run("services.sh", "up");
        Stack.ready();
    }

    @Test
    void killedProcessesAreStartedAgainAndNothingIsLost() throws Exception {
        stack.mysql().execute("DROP TABLE IF EXISTS supervised", Workload.ddl("supervised"));
        Workload workload = new Workload(stack.mysql(), "supervised", 2000, 300);
        Thread writer = new Thread(workload, "workload");
        writer.start();
        Thread.sleep(2000);
        long clickhouse = sigkill("clickhouse");
        long sink = sigkill("clickhouse-sink");
        writer.join();
        assertNull(workload.failure(), "the workload itself failed");

        List<String> expected = stack.mysql().rows("SELECT id, v, s FROM supervised ORDER BY id");
        Await.equal("ClickHouse supervised FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT id, v, s FROM " + stack.endpoints().get("MYSQL_DATABASE")
                        + ".supervised FINAL WHERE _deleted = 0 ORDER BY id"), Duration.ofSeconds(180));
        assertTrue(pid("clickhouse") != clickhouse && pid("clickhouse-sink") != sink, "both run with new pids");
        String log = Files.readString(runDir().resolve("logs/supervisor.log"));
        assertTrue(log.contains("clickhouse: died") && log.contains("clickhouse: running again"), log);
        assertTrue(log.contains("clickhouse-sink: died") && log.contains("clickhouse-sink: running again"), log);
    }

    @Test
    void aServiceStoppedThroughTheScriptsStaysStopped() throws Exception {
        Platform.run("services.sh", "stop", "enricher-gateway");
        try {
            Thread.sleep(5000);
            assertFalse(Files.exists(runDir().resolve("pids/enricher-gateway.pid")), "the enricher was started again");
            String log = Files.readString(runDir().resolve("logs/supervisor.log"));
            assertFalse(log.contains("enricher-gateway: died"), log);
        } finally {
            Platform.run("services.sh", "up");
        }
    }

    private static long sigkill(String name) throws Exception {
        long pid = pid(name);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        assertTrue(process.destroyForcibly(), "SIGKILL " + name);
        process.onExit().get();
        return pid;
    }

    private static long pid(String name) throws Exception {
        Path file = runDir().resolve("pids/" + name + ".pid");
        return Long.parseLong(Files.readString(file).trim());
    }

    private static Path runDir() {
        return Path.of(System.getenv("PIPELINE_RUN_DIR"));
    }
}
