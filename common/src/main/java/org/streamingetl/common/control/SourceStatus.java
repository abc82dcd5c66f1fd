package org.streamingetl.common.control;

import java.util.List;
import java.util.Map;

/**
 * cdc-registrar's view of the connector.
 *
 * @param connector connector name
 * @param state     connector state as Kafka Connect reports it (RUNNING, PAUSED, FAILED, UNASSIGNED) or MISSING
 * @param tasks     each task's state
 * @param snapshot  per table ({@code db.table}) snapshot progress, e.g. {@code running}, {@code completed}
 * @param message   a human-readable reason when something is wrong, else null
 */
public record SourceStatus(String connector, String state, List<TaskState> tasks, Map<String, String> snapshot,
                           String message) {

    public SourceStatus {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        snapshot = snapshot == null ? Map.of() : Map.copyOf(snapshot);
    }

    /** One connector task: its id, state, and the first line of its error when FAILED. */
    public record TaskState(int id, String state, String error) {
    }
}
