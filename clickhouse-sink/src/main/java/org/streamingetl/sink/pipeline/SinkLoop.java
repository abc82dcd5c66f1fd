package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.sink.clickhouse.ClickHouseGateway;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.clickhouse.SchemaChangeRefusedException;
import org.streamingetl.sink.clickhouse.TableManager;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.control.ResyncRegistry;
import org.streamingetl.sink.control.Subscription;
import org.streamingetl.sink.control.TableRegistry;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.sink.decode.AvroChangeEventDecoder;
import org.streamingetl.sink.decode.DebeziumRecordDecoder;
import org.streamingetl.common.registry.SchemaRegistryClient;
import org.streamingetl.common.registry.SchemaUnavailableException;
import org.streamingetl.sink.decode.MalformedRecordException;
import org.streamingetl.sink.decode.PlainJsonDecoder;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.UnmappableTypeException;
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
 * ({@link TableControl}), so the other tables keep flowing and nothing is skipped. Structure changes, truncates and
 * drops of the source table are applied here, in order with the table's changes.
 */
public final class SinkLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(SinkLoop.class);

    private final SinkConfig config;
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final Subscription dataTopics;
    private final TableRegistry registry;
    private final TableManager tableManager;
    private final DeadLetterQueue deadLetters;
    private final StatusBoard board;
    private final SinkMetrics metrics;
    private final DebeziumRecordDecoder decoder;
    private final PlainJsonDecoder plainDecoder = new PlainJsonDecoder();
    private final TableControl control;
    private final TableWriter writer;
    private final ResumeRequests resumeRequests = new ResumeRequests();
    private final StaleRowSweep staleRows;
    private final Map<String, SinkTable> tables = new HashMap<>();
    private volatile boolean running = true;

    public SinkLoop(SinkConfig config, KafkaConsumer<ByteBuffer, ByteBuffer> consumer, Subscription dataTopics,
                    TableRegistry registry, ResyncRegistry resyncs, ClickHouseGateway gateway,
                    TableManager tableManager, DeadLetterQueue deadLetters, StatusBoard board, SinkMetrics metrics) {
        this.config = config;
        this.consumer = consumer;
        this.dataTopics = dataTopics;
        this.registry = registry;
        this.tableManager = tableManager;
        this.deadLetters = deadLetters;
        this.board = board;
        this.metrics = metrics;
        this.control = new TableControl(consumer, config.retry(), board, metrics);
        this.writer = new TableWriter(consumer, gateway, control, board, metrics);
        this.staleRows = new StaleRowSweep(consumer, resyncs, tableManager);
        this.decoder = new DebeziumRecordDecoder(config.schemaRegistry().url()
                .map(url -> new SchemaRegistryClient(url, config.schemaRegistry().requestTimeout()))
                .<AvroChangeEventDecoder.SchemaSource>map(client -> client::schema).orElse(null),
                "set SCHEMA_REGISTRY_URL (sink.schema-registry.url) to the registry's Confluent-compatible API and restart the sink");
    }

    @Override
    public void run() {
        dataTopics.subscribe(consumer, new Rebalance());
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
                dataTopics.resubscribeIfChanged(consumer, Rebalance::new);
            }
        } finally {
            for (SinkTable table : tables.values()) {
                if (table.accepting()) {
                    writer.flush(table);
                }
            }
            writer.close();
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
                control.pause(table);
                control.seekBack(table, partition, record.offset());
                return;
            }
            if (!table.accepting() || !handle(table, partition, record)) {
                control.pause(table);
                control.seekBack(table, partition, record.offset());
                return;
            }
        }
        if (!table.accepting()) {
            control.pause(table);
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
        } catch (SchemaUnavailableException e) {
            control.retryLater(table, e.getMessage());
            return false;
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
            writer.handOff(table);
        }
        return true;
    }

    /** MySQL's TRUNCATE TABLE: the rows before it are written (and committed), then the ClickHouse table emptied. */
    private boolean truncate(SinkTable table, TopicPartition partition, ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        if (!writer.flush(table)) {
            return false;
        }
        try {
            tableManager.truncate(table.definition());
        } catch (ClickHouseRequestException e) {
            control.failed(table, "truncating " + table.definition().qualifiedName(), e);
            return false;
        }
        table.consumed(partition, record.offset());
        writer.flush(table);
        return true;
    }

    /**
     * MySQL dropped the table: once every change of its topic is read (the remaining ones are not written), the
     * ClickHouse table is dropped and the offsets committed. Partitions paused for any reason are resumed first.
     */
    private void dropWhenCaughtUp(SinkTable table) {
        writer.settle(true);
        Map<TopicPartition, Long> horizon = dropHorizon(table);
        for (TopicPartition partition : control.partitionsOf(table)) {
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
            control.failed(table, "dropping the ClickHouse table of " + source, e);
            return;
        }
        try {
            consumer.commitSync(table.offsetsToCommit());
        } catch (KafkaException e) {
            LOG.warnf("Committing offsets of dropped table %s failed (%s); its records are read again, harmlessly",
                    source, e.getMessage());
        }
        table.clearBatch();
        table.dropped("table " + source + " is gone from MySQL (dropped, or renamed to another name); ClickHouse table "
                + dropped + " dropped too");
        LOG.info(table.reason());
        control.publish(table);
    }

    /** The end offsets of the table's partitions when the sink first saw the drop: the changes made before it. */
    private Map<TopicPartition, Long> dropHorizon(SinkTable table) {
        if (table.dropHorizon() == null) {
            table.dropHorizon(consumer.endOffsets(control.partitionsOf(table), Duration.ofSeconds(10)));
        }
        return table.dropHorizon();
    }

    /** Makes sure the table uses the latest announced structure, and that ClickHouse has it. */
    private boolean ensurePrepared(SinkTable table) {
        Optional<TableCaptured> latest = registry.forTopic(table.topic);
        if (latest.isEmpty()) {
            table.waitForSchema(registry.collision(table.topic).orElse("no TableCaptured announcement for topic "
                    + table.topic + " yet; waiting for cdc-registrar (is it running?)"));
            return false;
        }
        if (latest.get() == table.captured()) {
            return true;
        }
        if (!writer.flush(table)) {
            return false;
        }
        try {
            TableDefinition definition = tableManager.apply(latest.get());
            table.use(latest.get(), definition);
            board.clickHouseOk();
            LOG.infof("Writing topic %s into ClickHouse table %s", table.topic, definition.qualifiedName());
            return true;
        } catch (UnmappableTypeException | SchemaChangeRefusedException e) {
            control.halt(table, "table " + latest.get().qualifiedName() + ": " + e.getMessage());
        } catch (ClickHouseRequestException e) {
            control.failed(table, "preparing ClickHouse table for " + latest.get().qualifiedName(), e);
        }
        return false;
    }

    private boolean reject(SinkTable table, TopicPartition partition, ConsumerRecord<ByteBuffer, ByteBuffer> record,
                           String reason) {
        String name = table.captured() == null ? table.topic : table.captured().qualifiedName();
        // The rows before the bad record are written first; if that fails, the table reads all again later.
        if (config.errors().mode() != SinkConfig.ErrorMode.skip && !writer.flush(table)) {
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
        control.halted(table);
        return false;
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
            writer.settle(true);
            for (TopicPartition partition : partitions) {
                SinkTable table = tables.get(partition.topic());
                if (table != null) {
                    if (table.accepting()) {
                        writer.flush(table);
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
