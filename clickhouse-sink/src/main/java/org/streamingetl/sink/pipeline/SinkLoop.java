package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.sink.clickhouse.ClickHouseGateway;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.clickhouse.SchemaChangeRefusedException;
import org.streamingetl.sink.clickhouse.TableManager;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.control.TableRegistry;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.decode.ChangeEventDecoder;
import org.streamingetl.sink.decode.MalformedRecordException;
import org.streamingetl.sink.decode.PlainJsonDecoder;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.UnmappableTypeException;
import org.streamingetl.sink.status.SinkMetrics;
import org.streamingetl.sink.status.StatusBoard;

/**
 * The sink's consume → decode → batch → insert → commit loop, on one thread. Record values arrive as views of
 * the consumer's fetched records ({@link ByteBuffer}s, not copied) and are decoded in place.
 *
 * <p>Each data topic has its own {@link SinkTable} and batch. A batch is inserted when it reaches
 * {@code sink.batch.max-rows}/{@code max-bytes} or is {@code max-wait} old; the Kafka offsets it covers are
 * committed only after ClickHouse acknowledged the insert. A table that cannot go on (no schema yet, ClickHouse
 * down, a bad record) pauses its own partitions and seeks back to its first unhandled record, so the other tables
 * keep flowing and nothing is skipped.
 */
public final class SinkLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(SinkLoop.class);

    private final SinkConfig config;
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final Pattern dataTopics;
    private final TableRegistry registry;
    private final ClickHouseGateway gateway;
    private final TableManager tableManager;
    private final DeadLetterQueue deadLetters;
    private final StatusBoard board;
    private final SinkMetrics metrics;
    private final ChangeEventDecoder decoder = new ChangeEventDecoder();
    private final PlainJsonDecoder plainDecoder = new PlainJsonDecoder();
    private final Inserter inserter;
    private final Map<String, SinkTable> tables = new HashMap<>();
    private volatile boolean running = true;

    public SinkLoop(SinkConfig config, KafkaConsumer<ByteBuffer, ByteBuffer> consumer, Pattern dataTopics,
                    TableRegistry registry, ClickHouseGateway gateway, TableManager tableManager,
                    DeadLetterQueue deadLetters, StatusBoard board, SinkMetrics metrics) {
        this.config = config;
        this.consumer = consumer;
        this.dataTopics = dataTopics;
        this.registry = registry;
        this.gateway = gateway;
        this.tableManager = tableManager;
        this.deadLetters = deadLetters;
        this.board = board;
        this.metrics = metrics;
        this.inserter = new Inserter(gateway);
    }

    @Override
    public void run() {
        consumer.subscribe(dataTopics, new Rebalance());
        Duration pollTimeout = Duration.ofMillis(Math.max(10, Math.min(100, config.batch().maxWait().toMillis() / 2)));
        try {
            while (running) {
                ConsumerRecords<ByteBuffer, ByteBuffer> records;
                try {
                    records = consumer.poll(pollTimeout);
                    board.polled();
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    board.kafkaProblem("polling Kafka failed: " + e.getMessage());
                    LOG.warnf("Polling Kafka at %s failed, retrying: %s", config.kafka().bootstrapServers(), e.getMessage());
                    sleep(1000);
                    continue;
                }
                tables.values().forEach(SinkTable::polled);
                for (TopicPartition partition : records.partitions()) {
                    process(partition, records.records(partition));
                }
                tendTables();
            }
        } finally {
            for (SinkTable table : tables.values()) {
                if (table.accepting()) {
                    flush(table);
                }
            }
            settle(inserter.finished(true));
            inserter.close();
            consumer.close(Duration.ofSeconds(10));
            LOG.info("Sink loop stopped");
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void process(TopicPartition partition, List<ConsumerRecord<ByteBuffer, ByteBuffer>> records) {
        SinkTable table = tables.computeIfAbsent(partition.topic(), SinkTable::new);
        for (ConsumerRecord<ByteBuffer, ByteBuffer> record : records) {
            if (registry.dropped(table.topic)) {
                // The source table is gone: its changes up to the drop are read and not written; later ones belong
                // to a table created again under the same name, and wait for its announcement.
                if (record.offset() < dropHorizon(table).getOrDefault(partition, Long.MAX_VALUE)) {
                    table.consumed(partition, record.offset());
                    continue;
                }
                pause(table);
                seekBack(table, partition, record.offset());
                return;
            }
            if (!table.accepting() || !handle(table, partition, record)) {
                pause(table);
                seekBack(table, partition, record.offset());
                return;
            }
        }
        if (!table.accepting()) {
            pause(table);
        }
    }

    /** Handles one record; false when it was not consumed and must be read again later. */
    private boolean handle(SinkTable table, TopicPartition partition, ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        if (!ensurePrepared(table)) {
            return false;
        }
        ChangeEvent event;
        try {
            event = registry.plainJson(record.topic())
                    ? plainDecoder.decode(table.captured(), record.key(), record.value())
                    : decoder.decode(record.topic(), record.value());
        } catch (MalformedRecordException e) {
            return reject(table, partition, record, "malformed record: " + e.getMessage());
        }
        if (event == null) {
            table.consumed(partition, record.offset());
            return true;
        }
        if (event.isTruncate()) {
            return truncate(table, partition, record);
        }
        Map<String, Object> image = event.image();
        if (image == null) {
            return reject(table, partition, record, "change event (op " + event.op() + ") without its row image");
        }
        String unknown = table.unknownField(image);
        if (unknown != null) {
            table.waitForSchema("the record at " + partition + "@" + record.offset() + " has column '" + unknown
                    + "' that the announced schema of " + table.captured().qualifiedName()
                    + " lacks; waiting for cdc-registrar to announce the new structure");
            LOG.info(table.reason());
            return false;
        }
        try {
            table.append(event, record.offset(), Instant.now().getEpochSecond());
        } catch (RowRejectedException e) {
            if (table.mayAwaitAnnouncement(event) && table.awaitAnnouncement("the record at " + partition + "@"
                    + record.offset() + " does not fit the announced structure of " + table.captured().qualifiedName()
                    + " (" + e.getMessage() + ") and its column types changed; waiting up to "
                    + config.errors().schemaWait().toSeconds() + " s for cdc-registrar to announce the new structure",
                    config.errors().schemaWait())) {
                LOG.info(table.reason());
                return false;
            }
            return reject(table, partition, record, e.getMessage());
        }
        table.consumed(partition, record.offset());
        if (table.rowCount() >= config.batch().maxRows() || table.bytes() >= config.batch().maxBytes()) {
            handOff(table);
        }
        return true;
    }

    /** MySQL's TRUNCATE TABLE: the rows before it are written (and committed), then the ClickHouse table emptied. */
    private boolean truncate(SinkTable table, TopicPartition partition, ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        if (!flush(table)) {
            return false;
        }
        try {
            tableManager.truncate(table.definition());
        } catch (ClickHouseRequestException e) {
            failed(table, "truncating " + table.definition().qualifiedName(), e);
            return false;
        }
        table.consumed(partition, record.offset());
        flush(table);
        return true;
    }

    /**
     * MySQL dropped the table: once every change of its topic is read (the remaining ones are not written), the
     * ClickHouse table is dropped and the offsets committed. Partitions paused for any reason are resumed first.
     */
    private void dropWhenCaughtUp(SinkTable table) {
        settle(inserter.finished(true));
        Map<TopicPartition, Long> horizon = dropHorizon(table);
        for (TopicPartition partition : partitionsOf(table)) {
            if (consumer.position(partition, Duration.ofSeconds(5)) < horizon.getOrDefault(partition, 0L)) {
                consumer.resume(List.of(partition));
                return;
            }
        }
        Optional<TableId> droppedTable = registry.droppedTable(table.topic);
        if (droppedTable.isEmpty()) {
            return; // created again meanwhile
        }
        TableId id = droppedTable.get();
        String source = id.toString();
        String dropped;
        try {
            dropped = tableManager.drop(id.database(), id.table());
        } catch (ClickHouseRequestException e) {
            failed(table, "dropping the ClickHouse table of " + source, e);
            return;
        }
        try {
            consumer.commitSync(table.offsetsToCommit());
        } catch (KafkaException e) {
            LOG.warnf("Committing offsets of dropped table %s failed (%s); its records are read again, harmlessly",
                    source, e.getMessage());
        }
        table.clearBatch();
        table.dropped("table " + source + " was dropped in MySQL; ClickHouse table " + dropped + " dropped too");
        LOG.info(table.reason());
        publish(table);
    }

    /** The end offsets of the table's partitions when the sink first saw the drop: the changes made before it. */
    private Map<TopicPartition, Long> dropHorizon(SinkTable table) {
        if (table.dropHorizon() == null) {
            table.dropHorizon(consumer.endOffsets(partitionsOf(table), Duration.ofSeconds(10)));
        }
        return table.dropHorizon();
    }

    /** Makes sure the table uses the latest announced structure, and that ClickHouse has it. */
    private boolean ensurePrepared(SinkTable table) {
        Optional<TableCaptured> latest = registry.forTopic(table.topic);
        if (latest.isEmpty()) {
            table.waitForSchema("no TableCaptured announcement for topic " + table.topic
                    + " yet; waiting for cdc-registrar (is it running?)");
            return false;
        }
        if (latest.get() == table.captured()) {
            return true;
        }
        if (!flush(table)) {
            return false;
        }
        try {
            TableDefinition definition = tableManager.apply(latest.get());
            table.use(latest.get(), definition);
            board.clickHouseOk();
            LOG.infof("Writing topic %s into ClickHouse table %s", table.topic, definition.qualifiedName());
            return true;
        } catch (UnmappableTypeException | SchemaChangeRefusedException e) {
            halt(table, "table " + latest.get().qualifiedName() + ": " + e.getMessage());
        } catch (ClickHouseRequestException e) {
            failed(table, "preparing ClickHouse table for " + latest.get().qualifiedName(), e);
        }
        return false;
    }

    /**
     * Writes the table's batch and waits until it is in ClickHouse and its offsets committed (and any other insert
     * in flight settled); false when it could not be written (the table then reads it again after its backoff).
     */
    private boolean flush(SinkTable table) {
        handOff(table);
        settle(inserter.finished(true));
        return !table.rewound();
    }

    /**
     * Starts writing the table's batch on the insert thread, once the insert in flight (of any table) is settled:
     * the loop goes on decoding while ClickHouse takes the rows. A batch without rows is only committed.
     */
    private void handOff(SinkTable table) {
        settle(inserter.finished(true));
        if (table.rewound() || !table.hasPending()) {
            return;
        }
        Batch batch = table.takeBatch();
        String target = table.definition() == null ? table.topic : table.definition().qualifiedName();
        if (batch.rowCount() == 0) {
            settle(new Inserter.Finished(table, batch, target, null, Duration.ZERO));
        } else {
            inserter.start(table, batch, target, table.insertColumns());
        }
    }

    /** Commits the offsets of a batch ClickHouse acknowledged; a failed one rewinds its table (see {@link #failed}). */
    private void settle(Inserter.Finished finished) {
        if (finished == null) {
            return;
        }
        SinkTable table = finished.table();
        Batch batch = finished.batch();
        int rows = batch.rowCount();
        if (finished.failure() != null) {
            table.rewind(batch).forEach((partition, offset) -> {
                if (consumer.assignment().contains(partition)) {
                    consumer.seek(partition, offset);
                }
            });
            failed(table, "inserting " + rows + " rows into " + finished.target(), finished.failure());
            return;
        }
        if (rows > 0) {
            board.clickHouseOk();
            metrics.written(table.definition().displayName(), rows, batch.bytes(), finished.took());
        }
        try {
            consumer.commitSync(batch.offsetsToCommit());
        } catch (KafkaException e) {
            // The rows are in ClickHouse; re-reading them later writes the same _version, which FINAL collapses.
            LOG.warnf("Committing offsets of %s failed (%s); its last %d rows may be written again, harmlessly",
                    table.topic, e.getMessage(), rows);
        }
        boolean recovered = !table.backoff().isZero();
        table.written(batch);
        if (recovered && rows > 0) {
            LOG.infof("ClickHouse is back: table %s is written again", finished.target());
        }
        publish(table);
    }

    /** Seeks a partition back to a record not handled, never past where a failed insert's table reads again. */
    private void seekBack(SinkTable table, TopicPartition partition, long offset) {
        Long rewound = table.rewoundTo(partition);
        consumer.seek(partition, rewound == null ? offset : Math.min(rewound, offset));
    }

    private void failed(SinkTable table, String what, ClickHouseRequestException e) {
        if (e.retriable()) {
            board.clickHouseProblem(e.getMessage());
            table.retryLater(what + " failed: " + e.getMessage(), config.retry().initialBackoff(),
                    config.retry().maxBackoff());
            LOG.warnf("%s failed, retrying in %d ms: %s", what, table.backoff().toMillis(), e.getMessage());
            pause(table);
            publish(table);
        } else {
            table.clearBatch();
            halt(table, what + " failed: " + e.getMessage());
        }
    }

    private boolean reject(SinkTable table, TopicPartition partition, ConsumerRecord<ByteBuffer, ByteBuffer> record,
                           String reason) {
        String name = table.captured() == null ? table.topic : table.captured().qualifiedName();
        // The rows before the bad record are written first; if that fails, the table reads all again later.
        if (config.errors().mode() != SinkConfig.ErrorMode.skip && !flush(table)) {
            return false;
        }
        try {
            deadLetters.send(record, name, reason);
        } catch (IllegalStateException e) {
            table.retryLater(e.getMessage(), config.retry().initialBackoff(), config.retry().maxBackoff());
            LOG.warnf("Record %s@%d could not go to the dead-letter topic, retrying: %s", partition, record.offset(),
                    e.getMessage());
            return false;
        }
        metrics.deadLettered(name);
        LOG.errorf("Record %s@%d of table %s cannot be written and went to dead-letter topic %s: %s", partition,
                record.offset(), name, deadLetters.topic(), reason);
        if (config.errors().mode() == SinkConfig.ErrorMode.skip) {
            table.consumed(partition, record.offset());
            return true;
        }
        table.haltAt(partition, record.offset(), "record " + partition + "@" + record.offset() + " cannot be written ("
                + reason + "); it is in " + deadLetters.topic() + ". Fix the cause, then POST /sink/tables/" + table.topic
                + "/resume (?skip=true skips that record), or set SINK_ERRORS_MODE=skip to skip such records");
        halted(table);
        return false;
    }

    private void halt(SinkTable table, String why) {
        table.halt(why);
        halted(table);
    }

    /** Stops reading a table that just halted, and says so. */
    private void halted(SinkTable table) {
        pause(table);
        LOG.errorf("Table of topic %s HALTED: %s", table.topic, table.reason());
        publish(table);
    }

    /** An operator's request to resume a halted table, answered on the loop's thread. */
    private record ResumeRequest(String topic, boolean skip, CompletableFuture<String> answer) {
    }

    private final Queue<ResumeRequest> resumeRequests = new ConcurrentLinkedQueue<>();

    /**
     * Asks the loop to resume a halted table: the record it stopped at is read again, or with {@code skip} left
     * behind (it is in the dead-letter topic). The answer says what happened, or fails with
     * {@link IllegalStateException} (not halted) or {@link java.util.NoSuchElementException} (no such topic).
     */
    public CompletableFuture<String> requestResume(String topic, boolean skip) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        resumeRequests.add(new ResumeRequest(topic, skip, answer));
        return answer;
    }

    private void answerResumeRequests() {
        ResumeRequest request;
        while ((request = resumeRequests.poll()) != null) {
            SinkTable table = tables.get(request.topic());
            if (table == null) {
                request.answer().completeExceptionally(new java.util.NoSuchElementException(
                        "the sink has no table for topic " + request.topic()));
                continue;
            }
            if (table.state() != TableState.HALTED) {
                request.answer().completeExceptionally(new IllegalStateException("table of topic " + request.topic()
                        + " is " + table.state() + ", not HALTED"));
                continue;
            }
            TopicPartition partition = table.haltedPartition();
            long offset = table.haltedOffset();
            String what;
            if (request.skip() && partition != null) {
                table.consumed(partition, offset);
                consumer.seek(partition, offset + 1);
                what = "resumed after skipping record " + partition + "@" + offset + " (it is in " + deadLetters.topic() + ")";
            } else {
                what = partition == null ? "resumed; its structure is prepared again"
                        : "resumed; record " + partition + "@" + offset + " is read again";
            }
            table.run();
            resume(table);
            LOG.infof("Operator request: table of topic %s %s", table.topic, what);
            publish(table);
            request.answer().complete(what);
        }
    }

    /** Per-table housekeeping after each poll: due batches, retries, schemas that arrived. */
    private void tendTables() {
        settle(inserter.finished(false));
        answerResumeRequests();
        long maxWait = config.batch().maxWait().toNanos();
        for (TopicPartition partition : consumer.assignment()) {
            if (registry.dropped(partition.topic())) {
                tables.computeIfAbsent(partition.topic(), SinkTable::new);
            }
        }
        for (SinkTable table : tables.values()) {
            if (registry.dropped(table.topic)) {
                if (table.state() != TableState.DROPPED) {
                    dropWhenCaughtUp(table);
                }
                continue;
            }
            switch (table.state()) {
                case RUNNING -> {
                    if (table.hasPending() && table.ageNanos() >= maxWait) {
                        handOff(table);
                    }
                }
                case RETRYING -> {
                    if (table.retryDue() && (!table.hasPending() || flush(table))) {
                        table.run();
                        resume(table);
                    }
                }
                case WAITING_FOR_SCHEMA -> {
                    Optional<TableCaptured> latest = registry.forTopic(table.topic);
                    if ((latest.isPresent() && latest.get() != table.captured())
                            || table.schemaWaitDue(config.errors().schemaWait())) {
                        table.run();
                        resume(table);
                    }
                }
                case DROPPED -> {
                    // Created again in MySQL: a new announcement arrived.
                    if (registry.forTopic(table.topic).isPresent()) {
                        table.dropHorizon(null);
                        table.run();
                        resume(table);
                    }
                }
                case HALTED -> {
                }
            }
            if (System.nanoTime() - table.statusChangedAtNanos() < 1_000_000_000L) {
                publish(table);
            }
        }
    }

    private void publish(SinkTable table) {
        long lag = 0;
        for (TopicPartition partition : partitionsOf(table)) {
            long partitionLag = consumer.currentLag(partition).orElse(0);
            metrics.lag(partition.topic(), partition.partition(), partitionLag);
            lag += partitionLag;
        }
        String name = table.definition() == null ? null : table.definition().database() + "." + table.definition().name();
        board.update(new SinkTableStatus(table.topic, name, table.state().name(), table.rowsWritten(), lag,
                table.state() == TableState.RUNNING ? null : table.reason()));
    }

    private Set<TopicPartition> partitionsOf(SinkTable table) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            if (partition.topic().equals(table.topic)) {
                partitions.add(partition);
            }
        }
        return partitions;
    }

    private void pause(SinkTable table) {
        consumer.pause(partitionsOf(table));
    }

    private void resume(SinkTable table) {
        consumer.resume(partitionsOf(table));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On a rebalance, writes what can be written and forgets the batches of partitions this sink loses. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            settle(inserter.finished(true));
            for (TopicPartition partition : partitions) {
                SinkTable table = tables.get(partition.topic());
                if (table != null) {
                    if (table.accepting()) {
                        flush(table);
                    }
                    table.clearBatch();
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                SinkTable table = tables.get(partition.topic());
                if (table != null && !table.accepting()) {
                    consumer.pause(List.of(partition));
                }
            }
        }
    }
}
