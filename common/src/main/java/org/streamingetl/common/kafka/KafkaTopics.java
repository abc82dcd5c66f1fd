package org.streamingetl.common.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the topics the services own, idempotently (creating an existing topic is a no-op): the control topic
 * the way design.md requires it (one partition, compacted) and the dead-letter topic. Every service calls this at
 * start, so whichever starts first creates them; the broker does not create topics by itself.
 */
public final class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    /** The control topic: one partition, compacted. */
    public static void ensureExists(Map<String, Object> kafkaProperties, String topic, short replicationFactor) {
        ensureTopics(kafkaProperties, List.of(controlTopic(topic, replicationFactor)));
    }

    /** The control topic's definition: one partition, compacted. */
    public static NewTopic controlTopic(String topic, short replicationFactor) {
        return new NewTopic(topic, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** Any topic, with the broker's default partitions and replication when {@code newTopic} leaves them empty. */
    public static void ensureTopic(Map<String, Object> kafkaProperties, NewTopic newTopic) {
        ensureTopics(kafkaProperties, List.of(newTopic));
    }

    /**
     * Several topics through one admin client and one request (a service's start-up pays for one client, not one per
     * topic); those that exist already are left as they are.
     */
    public static void ensureTopics(Map<String, Object> kafkaProperties, List<NewTopic> newTopics) {
        try (Admin admin = Admin.create(kafkaProperties)) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics).values();
            for (NewTopic newTopic : newTopics) {
                await(kafkaProperties, newTopic.name(), results.get(newTopic.name()));
            }
        }
    }

    private static void await(Map<String, Object> kafkaProperties, String topic, KafkaFuture<Void> result) {
        try {
            result.get(30, TimeUnit.SECONDS);
            LOG.infof("Created topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage()
                        + ". Check that Kafka at " + kafkaProperties.get("bootstrap.servers") + " is up.", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafkaProperties.get("bootstrap.servers")
                    + " did not answer within 30 s while creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }
}
