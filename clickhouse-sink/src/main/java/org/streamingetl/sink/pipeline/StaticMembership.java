package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.jboss.logging.Logger;

/**
 * Static group membership ({@code sink.kafka.instance-id}) lets a restarted sink take its partitions back at once,
 * without waiting for its old session to expire. Kafka's classic group protocol then hands the restarted member the
 * assignment cached for its instance id, computed for the subscription it had before the restart, and does not
 * rebalance even when the subscription changed meanwhile (KAFKA-12759): a table announced while the sink was down
 * would stay unread (the audit reports it {@code UNREAD}). So a static member asks for one rebalance right after its
 * first assignment, which makes the group assign what the subscription covers now. A dynamic member needs none: its
 * join after a restart is a rebalance already.
 */
final class StaticMembership {

    private static final Logger LOG = Logger.getLogger(StaticMembership.class);

    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final Optional<String> instanceId;
    private boolean assigned;
    private boolean rejoined;

    StaticMembership(Consumer<ByteBuffer, ByteBuffer> consumer, Optional<String> instanceId) {
        this.consumer = consumer;
        this.instanceId = instanceId;
    }

    /** Called by the rebalance listener when the group assigned partitions to this member. */
    void assigned() {
        assigned = true;
    }

    /** After the first assignment of a static member: asks the group, once, to assign again. */
    void rejoinOnceAfterRestart() {
        if (instanceId.isEmpty() || !assigned || rejoined) {
            return;
        }
        rejoined = true;
        LOG.infof("Static group member %s joined with the assignment cached for it; asking the group for one "
                + "rebalance, so that tables announced while it was away are assigned too", instanceId.get());
        consumer.enforceRebalance("static member " + instanceId.get() + " restarted; its subscription may have changed");
    }
}
