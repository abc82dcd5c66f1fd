package org.streamingetl.registrar.connector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

/**
 * Raises {@code max.message.bytes} of the connector's existing topics to the largest record a row may make. Kafka
 * Connect sets it only when it creates a topic ({@code topic.creation.default.max.message.bytes}), so topics created
 * under a smaller limit would still refuse a big row after the limit was raised. Never lowers a topic's limit.
 */
public final class TopicLimits {

    private static final Logger LOG = Logger.getLogger(TopicLimits.class);

    private TopicLimits() {
    }

    /** The topics among {@code limits} (topic to its {@code max.message.bytes}) that are below {@code maxRecordBytes}. */
    public static List<String> below(Map<String, Long> limits, long maxRecordBytes) {
        return limits.entrySet().stream().filter(e -> e.getValue() < maxRecordBytes).map(Map.Entry::getKey).sorted()
                .toList();
    }

    /** The data and schema topics of the connector: {@code <prefix>} and {@code <prefix>.<db>.<table>}. */
    public static boolean isConnectorTopic(String topic, String prefix, Collection<String> databases) {
        if (topic.equals(prefix)) {
            return true;
        }
        return databases.stream().anyMatch(db -> topic.startsWith(prefix + "." + db + "."));
    }

    /** Raises the limit of every connector topic below {@code maxRecordBytes}; returns the topics raised. */
    public static List<String> raise(Map<String, Object> kafka, String prefix, Collection<String> databases,
                                     long maxRecordBytes) {
        try (Admin admin = Admin.create(kafka)) {
            List<ConfigResource> resources = new ArrayList<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (isConnectorTopic(topic, prefix, databases)) {
                    resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                }
            }
            if (resources.isEmpty()) {
                return List.of();
            }
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> limits = new java.util.HashMap<>();
            configs.forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (entry != null && entry.value() != null) {
                    limits.put(resource.name(), Long.parseLong(entry.value()));
                }
            });
            List<String> raise = below(limits, maxRecordBytes);
            if (raise.isEmpty()) {
                return raise;
            }
            AlterConfigOp op = new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    Long.toString(maxRecordBytes)), AlterConfigOp.OpType.SET);
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new java.util.HashMap<>();
            raise.forEach(t -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, t), List.of(op)));
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Raised max.message.bytes to %d on %s (registrar.connector.max-row-bytes)", maxRecordBytes, raise);
            return raise;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot raise max.message.bytes of the connector's topics: "
                    + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
