package org.streamingetl.sink.clickhouse;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Runs the sink's DDL. Without a cluster a statement simply runs. On a cluster each statement runs {@code ON CLUSTER}
 * and ClickHouse waits until every replica has run it; a replica that is down would hold it for
 * {@code distributed_ddl_task_timeout} (180 s by default), then fail it, again at every retry. So the wait is bounded
 * ({@code sink.clickhouse.cluster-ddl-timeout}), and a statement that ran out of that time counts as done when its
 * effect is visible on the replica the sink talks to: the other replicas run it from ZooKeeper's DDL queue when they
 * are back.
 */
public final class DdlRunner {

    private static final Logger LOG = Logger.getLogger(DdlRunner.class);

    private final ClickHouseGateway gateway;
    private final boolean clustered;
    private final Duration clusterTimeout;

    public DdlRunner(ClickHouseGateway gateway, boolean clustered, Duration clusterTimeout) {
        this.gateway = gateway;
        this.clustered = clustered;
        this.clusterTimeout = clusterTimeout;
    }

    /** How long an ON CLUSTER statement waits for every replica. */
    public Duration clusterTimeout() {
        return clusterTimeout;
    }

    /** Runs {@code sql}; on a cluster, {@code done} tells whether a statement that failed took effect here anyway. */
    public void run(String sql, BooleanSupplier done) {
        if (!clustered) {
            gateway.execute(sql);
            return;
        }
        try {
            gateway.execute(sql, Map.of("distributed_ddl_task_timeout", String.valueOf(clusterTimeout.toSeconds())));
        } catch (ClickHouseRequestException e) {
            if (e.unreachable() || !done.getAsBoolean()) {
                throw e;
            }
            LOG.warnf("'%s' took effect on ClickHouse replica %s but not on every replica within %d s (%s): a replica "
                    + "that is down runs it from ZooKeeper's DDL queue when it is back; system.distributed_ddl_queue "
                    + "and the replicas' logs tell more", ClickHouseGateway.abbreviate(sql), gateway.url(),
                    clusterTimeout.toSeconds(), e.getMessage());
        }
    }
}
