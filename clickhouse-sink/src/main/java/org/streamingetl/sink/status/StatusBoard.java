package org.streamingetl.sink.status;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.streamingetl.common.control.SinkTableStatus;

/**
 * The latest status of every table, written by the sink loop, read by health checks, metrics and the status
 * announcer. Also holds the sink-wide condition (ClickHouse reachable, Kafka polling).
 */
@ApplicationScoped
public class StatusBoard {

    private final Map<String, SinkTableStatus> tables = new ConcurrentHashMap<>();
    private volatile String clickHouseProblem = "not connected yet";
    private volatile String kafkaProblem = "not polled yet";
    private volatile long lastPollNanos;

    public void update(SinkTableStatus status) {
        tables.put(status.sourceTopic(), status);
    }

    public Collection<SinkTableStatus> tables() {
        return List.copyOf(tables.values());
    }

    public List<SinkTableStatus> halted() {
        return tables.values().stream().filter(t -> "HALTED".equals(t.state())).toList();
    }

    public void clickHouseOk() {
        clickHouseProblem = null;
    }

    public void clickHouseProblem(String problem) {
        clickHouseProblem = problem;
    }

    /** Null when ClickHouse answered the last request, else why not. */
    public String clickHouseProblem() {
        return clickHouseProblem;
    }

    public void polled() {
        lastPollNanos = System.nanoTime();
        kafkaProblem = null;
    }

    public void kafkaProblem(String problem) {
        kafkaProblem = problem;
    }

    public String kafkaProblem() {
        return kafkaProblem;
    }

    public long nanosSinceLastPoll() {
        return lastPollNanos == 0 ? Long.MAX_VALUE : System.nanoTime() - lastPollNanos;
    }
}
