package org.streamingetl.registrar.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.streamingetl.common.health.ThreadFailures;

/**
 * A thread of the registrar that follows one Kafka topic with its own consumer (never auto-committing): it is started
 * watched by the service's {@link ThreadFailures}, so that a follower that cannot go on takes liveness DOWN with its
 * reason instead of leaving its topic silently unread, and {@link #close} ends it by a wakeup.
 */
public abstract class TopicFollower implements AutoCloseable {

    protected final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param settings consumer settings beyond the service's Kafka ones (e.g. a group id) */
    protected TopicFollower(Map<String, Object> kafka, Map<String, Object> settings, String threadName) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putAll(settings);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts the thread, watched by {@code failures}. */
    public void start(ThreadFailures failures) {
        failures.watch(thread).start();
    }

    /** False once {@link #close} was called: {@link #follow} returns as soon as it sees it. */
    protected boolean running() {
        return running;
    }

    /** The follower's work, on its thread, until {@link #running()} turns false; may throw to end the thread. */
    protected abstract void follow();

    private void run() {
        try {
            follow();
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
