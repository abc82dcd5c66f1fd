package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.clickhouse.ClickHouseTables;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.control.ResyncRegistry;
import org.streamingetl.sink.control.Subscription;
import org.streamingetl.sink.control.TableRegistry;
import org.streamingetl.sink.status.SinkMetrics;
import org.streamingetl.sink.status.StatusBoard;

/**
 * The sink's consume → decode → batch loop, on one thread; batches go to ClickHouse through the {@link TableWriter}
 * (insert on its own thread, commit after the acknowledgement). Record values arrive as views of the consumer's
 * fetched records ({@link ByteBuffer}s, not copied) and are decoded in place.
 *
 * <p>Each data topic has its own {@link SinkTable} and batch. A batch is written when it reaches
 * {@code sink.batch.max-rows}/{@code max-bytes} or is {@code max-wait} old; the Kafka offsets it covers are
 * committed only after ClickHouse acknowledged the insert. A table that cannot go on (no schema yet, ClickHouse
 * down, a bad record) pauses its own partitions and seeks back to its first unhandled record
 * ({@link TableControl}), so the other tables keep flowing and nothing is skipped. Each record is handled by the
 * {@link RecordHandler} (structure changes and truncates, in order with the table's changes); drops of the source
 * table, retries and due batches are tended here after each poll.
 */
public final class SinkLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(SinkLoop.class);

    private final SinkConfig config;
    private final Consumer<ByteBuffer, ByteBuffer> consumer;
    private final Subscription dataTopics;
    private final TableRegistry registry;
    private final DeadLetters deadLetters;
    private final StatusBoard board;
    private final TableControl control;
    private final TableWriter writer;
    private final RecordHandler handler;
    private final ResumeRequests resumeRequests = new ResumeRequests();
    private final StaleRowSweep staleRows;
    private final DroppedTables dropped;
    private final Map<String, SinkTable> tables = new HashMap<>();
    private final Duration pollTimeout;
    private final ChunkChecks checks;
    private final StaticMembership membership;
    private volatile boolean running = true;

    public SinkLoop(SinkConfig config, Consumer<ByteBuffer, ByteBuffer> consumer, Subscription dataTopics,
                    TableRegistry registry, ResyncRegistry resyncs, Inserter inserter,
                    ClickHouseTables tableManager, DeadLetters deadLetters, StatusBoard board, SinkMetrics metrics,
                    ChunkChecks checks) {
        this.config = config;
        this.consumer = consumer;
        this.dataTopics = dataTopics;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.board = board;
        this.control = new TableControl(consumer, config.retry(), board, metrics);
        this.writer = new TableWriter(consumer, inserter, control, board, metrics);
        this.checks = checks;
        this.handler = new RecordHandler(config, registry, tableManager, deadLetters, board, metrics, control, writer,
                checks, tables);
        this.staleRows = new StaleRowSweep(consumer, resyncs, tableManager);
        this.dropped = new DroppedTables(consumer, registry, tableManager, control, writer);
        this.membership = new StaticMembership(consumer, config.kafka().instanceId().filter(id -> !id.isBlank()));
        this.pollTimeout = Duration.ofMillis(Math.max(10, Math.min(100, config.batch().maxWait().toMillis() / 2)));
    }

    @Override
    public void run() {
        subscribe();
        try {
            while (running && pollOnce()) {
                // each turn: one poll, its records handled, the tables tended
            }
        } finally {
            shutdown();
        }
    }

    /** Subscribes to the selected data topics. */
    void subscribe() {
        dataTopics.subscribe(consumer, new Rebalance(consumer, tables, writer, membership));
    }

    /** One turn of the loop: a poll, its records handled, the tables tended; false when woken up to stop. */
    boolean pollOnce() {
        ConsumerRecords<ByteBuffer, ByteBuffer> records;
        try {
            records = consumer.poll(pollTimeout);
            board.polled();
        } catch (WakeupException e) {
            return false;
        } catch (KafkaException e) {
            board.kafkaProblem("polling Kafka failed: " + e.getMessage());
            LOG.warnf("Polling Kafka at %s failed, retrying: %s", config.kafka().bootstrapServers(), e.getMessage());
            sleep(1000);
            return true;
        }
        tables.values().forEach(SinkTable::polled);
        // Drift check markers first: a marker must wait before its table handles the changes after it.
        for (TopicPartition partition : records.partitions()) {
            if (checks.isMarkerTopic(partition.topic())) {
                process(partition, records.records(partition));
            }
        }
        for (TopicPartition partition : records.partitions()) {
            if (!checks.isMarkerTopic(partition.topic())) {
                process(partition, records.records(partition));
            }
        }
        tendTables();
        dataTopics.resubscribeIfChanged(consumer, () -> new Rebalance(consumer, tables, writer, membership));
        membership.rejoinOnceAfterRestart();
        return true;
    }

    /** Writes what the running tables hold, then closes the writer and the consumer. */
    void shutdown() {
        try {
            for (SinkTable table : tables.values()) {
                if (table.accepting()) {
                    writer.flush(table);
                }
            }
            writer.close();
        } finally {
            checks.close();
            // A static member (sink.kafka.instance-id) leaves too: the other instances take its tables at once.
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.groupMembershipOperation(
                    org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
            LOG.info("Sink loop stopped");
        }
    }

    /** The table of a data topic, or null when none of its records was read yet. */
    SinkTable table(String topic) {
        return tables.get(topic);
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void process(TopicPartition partition, List<ConsumerRecord<ByteBuffer, ByteBuffer>> records) {
        SinkTable table = tables.computeIfAbsent(partition.topic(), this::newTable);
        for (ConsumerRecord<ByteBuffer, ByteBuffer> record : records) {
            if (dropped.isDropped(table)) {
                if (dropped.beforeDrop(table, partition, record.offset())) {
                    table.consumed(partition, record.offset());
                    continue;
                }
                control.pause(table);
                control.seekBack(table, partition, record.offset());
                return;
            }
            if (!table.accepting() || !handler.handle(table, partition, record)) {
                control.pause(table);
                control.seekBack(table, partition, record.offset());
                return;
            }
        }
        if (!table.accepting()) {
            control.pause(table);
        }
    }

    private SinkTable newTable(String topic) {
        return new SinkTable(topic, config.latency().sampleEvery());
    }

    /**
     * Asks the loop to resume a halted table: the record it stopped at is read again, or with {@code skip} left
     * behind (it is in the dead-letter topic). The answer says what happened, or fails with
     * {@link IllegalStateException} (not halted) or {@link java.util.NoSuchElementException} (no such topic).
     */
    public CompletableFuture<String> requestResume(String topic, boolean skip) {
        return resumeRequests.add(topic, skip);
    }

    /** Per-table housekeeping after each poll: due batches, retries, schemas that arrived. */
    private void tendTables() {
        writer.settle(false);
        resumeRequests.answer(tables, control, deadLetters.topic());
        long maxWait = config.batch().maxWait().toNanos();
        for (TopicPartition partition : consumer.assignment()) {
            if (registry.dropped(partition.topic())) {
                tables.computeIfAbsent(partition.topic(), this::newTable);
            }
        }
        for (SinkTable table : tables.values()) {
            if (dropped.isDropped(table)) {
                if (table.state() != TableState.DROPPED) {
                    dropped.dropWhenCaughtUp(table);
                }
                continue;
            }
            switch (table.state()) {
                case RUNNING -> {
                    if (registry.forTopic(table.topic).filter(latest -> latest != table.captured()).isPresent()) {
                        // A DDL with no change after it yet: ClickHouse gets the new structure now (an added
                        // column and what the existing rows read in it), not at the table's next change.
                        handler.ensurePrepared(table);
                    } else if (table.hasPending() && table.ageNanos() >= maxWait) {
                        writer.handOff(table);
                    }
                }
                case RETRYING -> {
                    if (table.retryDue() && (!table.hasPending() || writer.flush(table))) {
                        table.run();
                        control.resume(table);
                    }
                }
                case WAITING_FOR_SCHEMA -> {
                    Optional<TableCaptured> latest = registry.forTopic(table.topic);
                    if ((latest.isPresent() && latest.get() != table.captured())
                            || table.schemaWaitDue(config.errors().schemaWait())) {
                        table.run();
                        control.resume(table);
                    }
                }
                case DROPPED -> {
                    // Created again in MySQL: a new announcement arrived.
                    if (registry.forTopic(table.topic).isPresent()) {
                        table.dropHorizon(null);
                        table.run();
                        control.resume(table);
                    }
                }
                case HALTED -> {
                }
            }
            if (System.nanoTime() - table.statusChangedAtNanos() < 1_000_000_000L) {
                control.publish(table);
            }
        }
        staleRows.tend(tables.values());
        checks.tend(tables, consumer, writer);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
