package org.streamingetl.registrar.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.streamingetl.common.control.SourceStatus;
import org.streamingetl.registrar.RegistrarService;
import org.streamingetl.registrar.snapshot.SnapshotProgress;
import org.streamingetl.registrar.supervision.SourceState;

/**
 * The registrar's meters (Prometheus at {@code /q/metrics}): connector and task states, automatic restarts, and the
 * tables whose snapshot runs or completed.
 */
@ApplicationScoped
public class RegistrarMetrics {

    private static final String[] TASK_STATES = {"RUNNING", "FAILED", "PAUSED", "UNASSIGNED"};

    @Inject
    MeterRegistry registry;
    @Inject
    SourceState state;
    @Inject
    RegistrarService service;

    void register(@Observes StartupEvent event) {
        Gauge.builder("registrar.connector.running", state, s -> isRunning(s.status()) ? 1 : 0)
                .description("1 when the connector is RUNNING, else 0").register(registry);
        for (String taskState : TASK_STATES) {
            Gauge.builder("registrar.tasks", state, s -> tasksIn(s.status(), taskState)).tag("state", taskState)
                    .description("Connector tasks by state").register(registry);
        }
        FunctionCounter.builder("registrar.restarts", state, SourceState::automaticRestarts)
                .description("Failed connectors or tasks restarted by the supervisor").register(registry);
        for (String snapshotState : new String[] {"RUNNING", "COMPLETED", "ABORTED"}) {
            Gauge.builder("registrar.snapshot.tables", service, s -> snapshotsIn(s.snapshots(), snapshotState))
                    .tag("state", snapshotState).description("Tables by snapshot state").register(registry);
        }
    }

    private static boolean isRunning(SourceStatus status) {
        return status != null && "RUNNING".equals(status.state());
    }

    private static double tasksIn(SourceStatus status, String taskState) {
        return status == null ? 0 : status.tasks().stream().filter(t -> taskState.equals(t.state())).count();
    }

    private static double snapshotsIn(SnapshotProgress progress, String snapshotState) {
        return progress.tables().values().stream().filter(t -> snapshotState.equals(t.state())).count();
    }
}
