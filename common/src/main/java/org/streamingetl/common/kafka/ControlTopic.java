package org.streamingetl.common.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the control topic the way design.md requires it: one partition, compacted. Every service calls this
 * at start, so whichever starts first creates it; creating an existing topic is a no-op.
 */
public final class ControlTopic {

    private static final Logger LOG = Logger.getLogger(ControlTopic.class);

    private ControlTopic() {
    }

    public static void ensureExists(Map<String, Object> kafkaProperties, String topic, short replicationFactor) {
        try (Admin admin = Admin.create(kafkaProperties)) {
            NewTopic newTopic = new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created control topic %s (1 partition, compacted)", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create control topic " + topic + ": " + e.getCause().getMessage()
                        + ". Check that Kafka at " + kafkaProperties.get("bootstrap.servers") + " is up.", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafkaProperties.get("bootstrap.servers")
                    + " did not answer within 30 s while creating control topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating control topic " + topic, e);
        }
    }
}
