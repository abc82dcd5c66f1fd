package org.streamingetl.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.health.ThreadFailures;

/**
 * Follows the control topic from its beginning on a thread of its own, without a consumer group (every
 * instance of every service rebuilds its view from the whole compacted topic), and hands each event to the
 * listener. A malformed event is logged and skipped: the control topic is shared, one bad producer must not
 * stop the others. A reader that cannot go on (Kafka refused it, or did not answer within the client's timeouts)
 * ends its thread with the error: a service watches the thread ({@link #watchedBy}) so that its liveness turns DOWN
 * with the reason rather than answering on a view that no longer follows the topic.
 */
public final class ControlReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ControlReader.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicPartition partition;
    private final ControlCodec codec;
    private final ControlListener listener;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public ControlReader(Map<String, Object> kafkaProperties, String topic, ControlCodec codec, ControlListener listener,
                         String threadName) {
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.partition = new TopicPartition(topic, 0);
        this.codec = codec;
        this.listener = listener;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Reports the reader's thread to {@code failures} when it dies of an error; call before {@link #start}. */
    public ControlReader watchedBy(ThreadFailures failures) {
        failures.watch(thread);
        return this;
    }

    public void start() {
        thread.start();
    }

    /** Waits until every event that existed when the reader started was delivered. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            if (end == 0) {
                caughtUp.countDown();
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    deliver(record);
                    if (record.offset() + 1 >= end) {
                        caughtUp.countDown();
                    }
                }
                if (caughtUp.getCount() > 0 && consumer.position(partition) >= end) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("the control topic reader for " + partition.topic() + " stopped: "
                    + e.getMessage() + "; check that Kafka runs, then restart the service", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        try {
            ControlKey key = ControlKey.parse(record.key());
            if (record.value() == null) {
                listener.onRemoved(key);
            } else {
                listener.onEvent(key, codec.fromJson(record.value()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Skipping control event at %s offset %d (key %s): %s", partition, record.offset(), record.key(),
                    e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
