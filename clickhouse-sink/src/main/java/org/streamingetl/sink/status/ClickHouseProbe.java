package org.streamingetl.sink.status;

import org.streamingetl.common.health.PeriodicTask;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.streamingetl.sink.clickhouse.ClickHouseGateway;
import org.streamingetl.sink.clickhouse.ReplicaRepair;

/**
 * Pings ClickHouse on a schedule, so that readiness says ClickHouse is down even while no table has rows to write
 * (an insert that fails says so too). It clears only the problem it reported itself. With several replicas it pings
 * each: readiness lists every replica's state, and is down only when none answers (the sink writes to any one).
 */
public final class ClickHouseProbe implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClickHouseProbe.class);

    private final ClickHouseGateway gateway;
    private final StatusBoard board;
    private final ReplicaRepair repair;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sink-clickhouse-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile String reported;
    private volatile java.util.Set<String> downBefore = java.util.Set.of();

    public ClickHouseProbe(ClickHouseGateway gateway, StatusBoard board) {
        this(gateway, board, null);
    }

    /** {@code repair}: run for a replica that answers again (on a cluster); null: none. */
    public ClickHouseProbe(ClickHouseGateway gateway, StatusBoard board, ReplicaRepair repair) {
        this.gateway = gateway;
        this.board = board;
        this.repair = repair;
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(PeriodicTask.guarded("Probing ClickHouse", this::check),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void check() {
        java.util.Map<String, Boolean> answers = gateway.pingEach();
        java.util.Map<String, String> states = new java.util.LinkedHashMap<>();
        java.util.Set<String> down = new java.util.LinkedHashSet<>();
        answers.forEach((url, up) -> {
            states.put(url, up ? "answers" : "does not answer (ping failed)");
            if (!up) {
                down.add(url);
            }
        });
        board.clickHouseReplicas(answers.size() > 1 ? states : java.util.Map.of());
        if (answers.size() > 1) {
            logReplicaChanges(down);
        }
        if (down.size() == answers.size()) {
            String problem = (answers.size() == 1 ? "ClickHouse at " + down.iterator().next() + " does not answer"
                    : "No ClickHouse replica answers (" + String.join(", ", down) + ")")
                    + " (ping failed); the sink keeps every "
                    + "change in Kafka and writes it when ClickHouse is back. Start ClickHouse, or check "
                    + "sink.clickhouse.url (CLICKHOUSE_HTTP_URL)";
            if (reported == null) {
                LOG.warn(problem);
            }
            reported = problem;
            board.clickHouseProblem(problem);
        } else if (reported != null) {
            if (reported.equals(board.clickHouseProblem())) {
                board.clickHouseOk();
            }
            reported = null;
            LOG.infof("ClickHouse at %s answers again", gateway.url());
        }
    }

    private void logReplicaChanges(java.util.Set<String> down) {
        for (String url : down) {
            if (!downBefore.contains(url)) {
                LOG.warnf("ClickHouse replica %s does not answer; the sink writes to a replica that answers, this one "
                        + "catches up through replication when it is back", url);
            }
        }
        for (String url : downBefore) {
            if (!down.contains(url)) {
                LOG.infof("ClickHouse replica %s answers again", url);
                if (repair != null) {
                    try {
                        repair.repair(url);
                    } catch (RuntimeException e) {
                        LOG.warnf("Could not check the tables of ClickHouse replica %s after its return: %s (README, "
                                + "\"ClickHouse cluster\", tells how to repair by hand)", url, e.getMessage());
                    }
                }
            }
        }
        downBefore = java.util.Set.copyOf(down);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
