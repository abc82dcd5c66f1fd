package org.streamingetl.registrar.supervision;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.SourceStatus;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.registrar.connect.ConnectClient;

/**
 * Watches the connector and its tasks. A FAILED connector or task is restarted, with a growing pause between
 * restarts; after {@code maxRestarts} restarts within {@code window} it is left FAILED with the reason on health,
 * so a broken source does not cause a restart storm. A task that failed on a change event too large for Kafka is not
 * restarted at all (it would fail again on the same event): health, status and log say which table and what to raise
 * ({@link OversizedRecordDiagnosis}). Every change of state is announced as {@code SourceStatus}.
 */
public final class ConnectorSupervisor {

    private static final Logger LOG = Logger.getLogger(ConnectorSupervisor.class);

    private final ConnectClient connect;
    private final String connector;
    private final ControlPublisher publisher;
    private final SourceState state;
    private final Runnable reRegister;
    private final int maxRestarts;
    private final Duration window;
    private final Clock clock;
    private final Supplier<Map<String, String>> snapshots;
    private final OversizedRecordDiagnosis oversized;
    private String oversizedLogged;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private Instant nextRestartAllowed = Instant.EPOCH;
    private SourceStatus lastPublished;

    public ConnectorSupervisor(ConnectClient connect, String connector, ControlPublisher publisher, SourceState state,
                               Runnable reRegister, int maxRestarts, Duration window, Clock clock,
                               Supplier<Map<String, String>> snapshots) {
        this(connect, connector, publisher, state, reRegister, maxRestarts, window, clock, snapshots,
                new OversizedRecordDiagnosis(record -> Optional.empty()));
    }

    public ConnectorSupervisor(ConnectClient connect, String connector, ControlPublisher publisher, SourceState state,
                               Runnable reRegister, int maxRestarts, Duration window, Clock clock,
                               Supplier<Map<String, String>> snapshots, OversizedRecordDiagnosis oversized) {
        this.oversized = oversized;
        this.connect = connect;
        this.connector = connector;
        this.publisher = publisher;
        this.state = state;
        this.reRegister = reRegister;
        this.maxRestarts = maxRestarts;
        this.window = window;
        this.clock = clock;
        this.snapshots = snapshots;
    }

    /** One supervision round. */
    public synchronized SourceStatus check() {
        Optional<JsonNode> document = connect.status(connector);
        if (document.isEmpty()) {
            SourceStatus missing = new SourceStatus(connector, "MISSING", List.of(), Map.of(),
                    "connector is not registered in Kafka Connect; registering it again");
            publish(missing);
            LOG.warnf("Connector %s is missing from Kafka Connect; registering it again", connector);
            reRegister.run();
            return missing;
        }
        SourceStatus parsed = parse(document.get());
        Optional<String> tooLarge = oversized.of(document.get());
        SourceStatus status = new SourceStatus(parsed.connector(), parsed.state(), parsed.tasks(), snapshots.get(),
                tooLarge.orElse(parsed.message()));
        publish(status);
        if (tooLarge.isPresent()) {
            state.problem(tooLarge.get());
            if (!tooLarge.get().equals(oversizedLogged)) {
                LOG.errorf("Connector %s: %s", connector, tooLarge.get());
                oversizedLogged = tooLarge.get();
            }
            return status;
        }
        if (status.message() == null) {
            state.problem(null);
            return status;
        }
        state.problem(status.message());
        if (!"FAILED".equals(status.state()) && status.tasks().stream().noneMatch(t -> "FAILED".equals(t.state()))) {
            return status;
        }
        Instant now = clock.instant();
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(window))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= maxRestarts) {
            state.problem(status.message() + " — restarted " + restarts.size() + " times within " + window.toMinutes()
                    + " min; left FAILED. Fix the cause, then POST /source/restart");
            return status;
        }
        if (now.isBefore(nextRestartAllowed)) {
            return status;
        }
        LOG.warnf("Connector %s failed (%s); restarting it (restart %d of at most %d within %d min)", connector,
                status.message(), restarts.size() + 1, maxRestarts, window.toMinutes());
        connect.restartFailed(connector);
        state.restarted();
        restarts.addLast(now);
        nextRestartAllowed = now.plusSeconds(Math.min(300, 5L << Math.min(6, restarts.size() - 1)));
        return status;
    }

    /** Forgets past restarts (an operator asked for a restart). */
    public synchronized void resetRestarts() {
        restarts.clear();
        nextRestartAllowed = Instant.EPOCH;
    }

    private void publish(SourceStatus status) {
        state.status(status);
        if (status.equals(lastPublished)) {
            return;
        }
        try {
            publisher.publish(EventType.SourceStatus, connector, status);
            lastPublished = status;
        } catch (RuntimeException e) {
            LOG.warnf("Cannot announce the status of %s: %s", connector, e.getMessage());
        }
    }

    /** The registrar's view of a Kafka Connect status document; its message is null when everything runs. */
    public static SourceStatus parse(JsonNode document) {
        String connectorState = document.path("connector").path("state").asText("UNKNOWN");
        List<SourceStatus.TaskState> tasks = new ArrayList<>();
        String problem = null;
        if (!"RUNNING".equals(connectorState)) {
            problem = "connector is " + connectorState + firstLine(document.path("connector").path("trace").asText(null))
                    + ("PAUSED".equals(connectorState) ? " (an operator paused it; POST /source/resume)" : "");
        }
        for (JsonNode task : document.path("tasks")) {
            String taskState = task.path("state").asText("UNKNOWN");
            String error = "FAILED".equals(taskState) ? firstLine(task.path("trace").asText(null)) : null;
            tasks.add(new SourceStatus.TaskState(task.path("id").asInt(), taskState,
                    error == null || error.isEmpty() ? null : error.substring(2)));
            if (problem == null && !"RUNNING".equals(taskState)) {
                problem = "task " + task.path("id").asInt() + " is " + taskState + (error == null ? "" : error);
            }
        }
        if (problem == null && tasks.isEmpty()) {
            problem = "connector has no task yet";
        }
        return new SourceStatus(document.path("name").asText(), connectorState, tasks, Map.of(), problem);
    }

    private static String firstLine(String trace) {
        if (trace == null || trace.isBlank()) {
            return "";
        }
        int nl = trace.indexOf('\n');
        return ": " + (nl < 0 ? trace : trace.substring(0, nl));
    }
}
