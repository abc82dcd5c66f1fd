package org.streamingetl.registrar.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.streamingetl.common.verify.ChunkVerified;

/**
 * Reads the sinks' answers ({@link ChunkVerified}) from {@code <prefix>.verify}, from its end when it starts (answers
 * to checks of an earlier run are of no use), on a thread of its own.
 */
final class AnswerFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AnswerFollower.class);

    private final KafkaConsumer<String, String> consumer;
    private final Consumer<ChunkVerified> onAnswer;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Thread thread;
    private volatile boolean running = true;

    AnswerFollower(Map<String, Object> kafka, String topic, Consumer<ChunkVerified> onAnswer) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        this.onAnswer = onAnswer;
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30))); // from here, before any marker
        thread = new Thread(this::run, "registrar-verify-answers");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        onAnswer.accept(json.readValue(record.value(), ChunkVerified.class));
                    } catch (Exception e) {
                        LOG.warnf("Unreadable answer at %s-%d@%d skipped: %s", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
