package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.clickhouse.SchemaChangeRefusedException;
import org.streamingetl.sink.clickhouse.ClickHouseTables;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.control.TableRegistry;
import org.streamingetl.sink.decode.ChangeEvent;
import org.streamingetl.common.registry.SchemaRegistryClient;
import org.streamingetl.common.registry.SchemaUnavailableException;
import org.streamingetl.sink.decode.AvroChangeEventDecoder;
import org.streamingetl.sink.decode.DebeziumRecordDecoder;
import org.streamingetl.sink.decode.MalformedRecordException;
import org.streamingetl.sink.decode.PlainRowDecoder;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.TableOptionRefusedException;
import org.streamingetl.sink.mapping.UnmappableTypeException;
import org.streamingetl.sink.status.SinkMetrics;
import org.streamingetl.sink.status.StatusBoard;

/**
 * What the sink loop does with one record of a table it reads: makes sure the table uses the latest announced
 * structure (and ClickHouse has it), decodes the record, and appends its row to the table's batch, handing the batch
 * to the {@link TableWriter} when full; applies a TRUNCATE in order with the changes; sends a record that cannot be
 * written to the dead-letter topic, then halts the table or skips the record ({@code sink.errors.mode}). A record
 * that must wait (no schema yet, a newer structure on its way, ClickHouse down) is left unconsumed. Used by the
 * loop's thread only.
 */
final class RecordHandler {

    private static final Logger LOG = Logger.getLogger(RecordHandler.class);

    private final SinkConfig config;
    private final TableRegistry registry;
    private final ClickHouseTables tableManager;
    private final DeadLetters deadLetters;
    private final StatusBoard board;
    private final SinkMetrics metrics;
    private final TableControl control;
    private final TableWriter writer;
    private final DebeziumRecordDecoder decoder;
    private final PlainRowDecoder plainDecoder;
    private final ChunkChecks checks;
    private final Map<String, SinkTable> tables;

    RecordHandler(SinkConfig config, TableRegistry registry, ClickHouseTables tableManager, DeadLetters deadLetters,
                  StatusBoard board, SinkMetrics metrics, TableControl control, TableWriter writer,
                  ChunkChecks checks, Map<String, SinkTable> tables) {
        this.checks = checks;
        this.tables = tables;
        this.config = config;
        this.registry = registry;
        this.tableManager = tableManager;
        this.deadLetters = deadLetters;
        this.board = board;
        this.metrics = metrics;
        this.control = control;
        this.writer = writer;
        AvroChangeEventDecoder.SchemaSource schemas = config.schemaRegistry().url()
                .map(url -> new SchemaRegistryClient(url, config.schemaRegistry().requestTimeout()))
                .<AvroChangeEventDecoder.SchemaSource>map(client -> client::schema).orElse(null);
        String noRegistry = "set SCHEMA_REGISTRY_URL (sink.schema-registry.url) to the registry's Confluent-compatible "
                + "API and restart the sink";
        this.decoder = new DebeziumRecordDecoder(schemas, noRegistry);
        this.plainDecoder = new PlainRowDecoder(schemas, noRegistry);
    }

    /** Handles one record; false when it was not consumed and must be read again later. */
    boolean handle(SinkTable table, TopicPartition partition, ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        if (!ensurePrepared(table)) {
            return false;
        }
        ChangeEvent event;
        try {
            event = registry.plainJson(record.topic())
                    ? plainDecoder.decode(table.captured(), record.key(), record.value())
                    : decoder.decode(record.topic(), record.value());
        } catch (SchemaUnavailableException e) {
            control.retryLater(table, e.getMessage());
            return false;
        } catch (MalformedRecordException e) {
            return reject(table, partition, record, "malformed record: " + e.getMessage());
        }
        if (event == null) {
            table.consumed(partition, record.offset());
            return true;
        }
        if (!checks.beforeChange(table, event.source(), writer)) {
            return false;
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
        table.sampleLatency(event.op() == 'r' ? -1 : event.sourceTsMs(), record.timestamp());
        table.lastSource(event.source());
        table.consumed(partition, record.offset());
        if (checks.isMarker(table.captured())) {
            checks.markerSeen(event, tables);
        }
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

    /** Makes sure the table uses the latest announced structure, and that ClickHouse has it. */
    boolean ensurePrepared(SinkTable table) {
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
            if (registry.enrichment(table.topic) && !definition.movableKeyColumns().isEmpty()) {
                throw new TableOptionRefusedException(SortingKeyMove.enrichmentRefusal(definition));
            }
            table.use(latest.get(), definition);
            board.clickHouseOk();
            LOG.infof("Writing topic %s into ClickHouse table %s", table.topic, definition.qualifiedName());
            return true;
        } catch (UnmappableTypeException | SchemaChangeRefusedException | TableOptionRefusedException e) {
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
}
