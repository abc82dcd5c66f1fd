package org.streamingetl.sink.status;

import org.streamingetl.common.health.PeriodicTask;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.streamingetl.sink.clickhouse.ClickHouseGateway;

/**
 * Pings ClickHouse on a schedule, so that readiness says ClickHouse is down even while no table has rows to write
 * (an insert that fails says so too). It clears only the problem it reported itself.
 */
public final class ClickHouseProbe implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClickHouseProbe.class);

    private final ClickHouseGateway gateway;
    private final StatusBoard board;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sink-clickhouse-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile String reported;

    public ClickHouseProbe(ClickHouseGateway gateway, StatusBoard board) {
        this.gateway = gateway;
        this.board = board;
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(PeriodicTask.guarded("Probing ClickHouse", this::check),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void check() {
        if (!gateway.ping()) {
            String problem = "ClickHouse at " + gateway.url() + " does not answer (ping failed); the sink keeps every "
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

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
