package org.streamingetl.sink.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.ControlKey;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.sink.clickhouse.ClickHouseRequestException;
import org.streamingetl.sink.clickhouse.ClickHouseTables;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.config.SinkConfigCheckTest;
import org.streamingetl.sink.config.TopicSelection;
import org.streamingetl.sink.control.ResyncRegistry;
import org.streamingetl.sink.control.Subscription;
import org.streamingetl.sink.control.TableRegistry;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.mapping.ServerCapabilities;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.TypeMapper;
import org.streamingetl.sink.status.SinkMetrics;
import org.streamingetl.sink.status.StatusBoard;

/**
 * A {@link SinkLoop} driven one poll at a time, in memory: Kafka's {@link MockConsumer} over a log of records (a
 * seek reads them again, as Kafka would), and recorders in place of its collaborators (ClickHouse's inserts and
 * tables, the dead-letter topic). Inserts run on the loop's thread, so each poll's outcome is settled when it returns.
 */
final class LoopHarness {

    static final String PREFIX = "etl";
    static final Topics TOPICS = new Topics(PREFIX);
    private static final ControlCodec CODEC = new ControlCodec("test");
    private static final TypeMapper MAPPER = new TypeMapper(ServerCapabilities.forVersion("24.8.1"));

    /** One insert ClickHouse received: the table, its row count and query id. */
    record Insert(String table, int rows, String queryId) {
    }

    final LogConsumer consumer = new LogConsumer();
    final TableRegistry registry = new TableRegistry(CODEC, TOPICS);
    /** Every table status the loop reported, in order. */
    final List<SinkTableStatus> reported = new ArrayList<>();
    final StatusBoard board = new StatusBoard() {
        @Override
        public void update(SinkTableStatus status) {
            reported.add(status);
            super.update(status);
        }
    };
    final List<Insert> inserts = new ArrayList<>();
    final List<ConsumerRecord<ByteBuffer, ByteBuffer>> deadLetters = new ArrayList<>();
    final List<String> droppedTables = new ArrayList<>();
    /** The next inserts fail (retriable) while this is above zero. */
    int failNextInserts;
    final SinkLoop loop;

    LoopHarness(Map<String, String> properties) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "sink.batch.max-wait", "0s",
                "sink.retry.initial-backoff", "0s",
                "sink.retry.max-backoff", "0s"));
        settings.putAll(properties);
        SinkConfig config = SinkConfigCheckTest.config(settings);
        Inserter inserter = new Inserter(this::insert, Runnable::run);
        loop = new SinkLoop(config, consumer, new Subscription(new TopicSelection(PREFIX, List.of(), List.of()), registry),
                registry, new ResyncRegistry(CODEC), inserter, new Tables(), new Letters(), board,
                new SinkMetrics(new SimpleMeterRegistry(), board));
    }

    /** Announces {@code shop.<table>(id INT PRIMARY KEY, v VARCHAR NULL)} as cdc-registrar would; returns its topic. */
    String announce(String table) {
        TableCaptured captured = new TableCaptured("shop", table, TOPICS.data("shop", table), List.of("id"), List.of(
                new ColumnDefinition("id", 1, "int", "int", null, null, null, null, false, false, List.of()),
                new ColumnDefinition("v", 2, "varchar", "varchar", null, null, null, null, false, true, List.of())));
        registry.onEvent(new ControlKey(ControlKey.TABLE, "shop." + table),
                CODEC.fromJson(CODEC.toJson(CODEC.event(EventType.TableCaptured, captured))));
        return captured.topic();
    }

    /** The table is dropped in MySQL: cdc-registrar removes its announcement. */
    void drop(String table) {
        registry.onRemoved(new ControlKey(ControlKey.TABLE, "shop." + table));
    }

    /** Appends an insert of row {@code (id, v)} to partition 0 of the topic; returns its offset. */
    long append(String topic, int id, String v) {
        return consumer.append(new TopicPartition(topic, 0), changeEvent(id, v));
    }

    /** Appends a record that is no change event at all; returns its offset. */
    long appendMalformed(String topic) {
        return consumer.append(new TopicPartition(topic, 0), "this is not a change event".getBytes(StandardCharsets.UTF_8));
    }

    /** Subscribes the loop and assigns it these partitions. */
    void start(TopicPartition... partitions) {
        for (TopicPartition partition : partitions) {
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
        }
        loop.subscribe();
        consumer.rebalance(List.of(partitions));
    }

    void poll() {
        loop.pollOnce();
    }

    /**
     * Polls until the loop has nothing left to do with what Kafka holds now: a table seen for the first time is
     * prepared on one poll and read on the next, and a batch handed off on one poll is committed on the next.
     */
    void settle() {
        for (int i = 0; i < 5; i++) {
            loop.pollOnce();
        }
    }

    /** The states the loop reported for a topic, without repeats in a row. */
    List<String> states(String topic) {
        List<String> states = new ArrayList<>();
        for (SinkTableStatus status : reported) {
            if (status.sourceTopic().equals(topic) && (states.isEmpty() || !states.get(states.size() - 1).equals(status.state()))) {
                states.add(status.state());
            }
        }
        return states;
    }

    SinkTable table(String topic) {
        return loop.table(topic);
    }

    /** The committed offset of partition 0 of the topic, or null when none was committed. */
    Long committed(String topic) {
        OffsetAndMetadata committed = consumer.committed(java.util.Set.of(new TopicPartition(topic, 0))).get(
                new TopicPartition(topic, 0));
        return committed == null ? null : committed.offset();
    }

    /** Rows inserted into a table ({@code db.table}) so far. */
    int rowsInserted(String table) {
        return inserts.stream().filter(i -> i.table().replace("`", "").equals(table)).mapToInt(Insert::rows).sum();
    }

    private void insert(String table, List<String> columns, RowBinaryOutput rows, String queryId) {
        int count = rowCountOf(rows);
        if (failNextInserts > 0) {
            failNextInserts--;
            throw new ClickHouseRequestException("ClickHouse at test did not answer 'INSERT INTO " + table + "'",
                    new java.io.IOException("connection refused"));
        }
        inserts.add(new Insert(table, count, queryId));
    }

    /** Rows of the test tables: id Int32, v Nullable(String), _version Int64, _deleted UInt8, _ingested_at UInt32. */
    private static int rowCountOf(RowBinaryOutput rows) {
        ByteBuffer bytes = ByteBuffer.wrap(rows.toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        while (bytes.hasRemaining()) {
            bytes.position(bytes.position() + 4);
            if (bytes.get() == 0) {
                int length = 0;
                int shift = 0;
                byte b;
                do {
                    b = bytes.get();
                    length |= (b & 0x7f) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                bytes.position(bytes.position() + length);
            }
            bytes.position(bytes.position() + 8 + 1 + 4);
            count++;
        }
        return count;
    }

    private static byte[] changeEvent(int id, String v) {
        String fields = """
                {"type": "int32", "optional": false, "field": "id"},
                {"type": "string", "optional": true, "field": "v"}""";
        String row = "{\"id\": " + id + ", \"v\": " + (v == null ? "null" : "\"" + v + "\"") + "}";
        String json = """
                {"schema": {"type": "struct", "fields": [
                    {"type": "struct", "fields": [%1$s], "optional": true, "name": "etl.shop.t.Value", "field": "before"},
                    {"type": "struct", "fields": [%1$s], "optional": true, "name": "etl.shop.t.Value", "field": "after"},
                    {"type": "string", "optional": false, "field": "op"}],
                  "optional": false, "name": "etl.shop.t.Envelope", "version": 2},
                 "payload": {"before": null, "after": %2$s, "op": "c"}}""".formatted(fields, row);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** ClickHouse's tables, in memory: the definition of an announcement, and the drops asked for. */
    private final class Tables implements ClickHouseTables {
        @Override
        public TableDefinition apply(TableCaptured captured) {
            return new TableDefinition(captured.database(), captured.table(),
                    captured.columns().stream().map(MAPPER::map).toList(), captured.primaryKey());
        }

        @Override
        public void truncate(TableDefinition table) {
        }

        @Override
        public long removeStale(TableDefinition table, long staleBelow) {
            return 0;
        }

        @Override
        public String drop(String sourceDatabase, String sourceTable) {
            droppedTables.add(sourceDatabase + "." + sourceTable);
            return sourceDatabase + "." + sourceTable;
        }
    }

    private final class Letters implements DeadLetters {
        @Override
        public String topic() {
            return TOPICS.deadLetter();
        }

        @Override
        public void send(ConsumerRecord<ByteBuffer, ByteBuffer> record, String table, String reason) {
            deadLetters.add(record);
        }
    }

    /**
     * Kafka's MockConsumer over a log: each poll hands out, for every assigned partition that is not paused, the
     * log's records from the consumer's position on, so that a seek back reads records again as Kafka would.
     */
    static final class LogConsumer extends MockConsumer<ByteBuffer, ByteBuffer> {

        private final Map<TopicPartition, TreeMap<Long, byte[]>> log = new HashMap<>();

        LogConsumer() {
            super("earliest");
        }

        long append(TopicPartition partition, byte[] value) {
            TreeMap<Long, byte[]> records = log.computeIfAbsent(partition, p -> new TreeMap<>());
            long offset = records.isEmpty() ? 0 : records.lastKey() + 1;
            records.put(offset, value);
            updateBeginningOffsets(Map.of(partition, 0L));
            updateEndOffsets(Map.of(partition, offset + 1));
            return offset;
        }

        @Override
        public synchronized ConsumerRecords<ByteBuffer, ByteBuffer> poll(Duration timeout) {
            for (TopicPartition partition : assignment()) {
                if (!paused().contains(partition) && log.containsKey(partition)) {
                    long position = position(partition);
                    log.get(partition).tailMap(position).forEach((offset, value) -> addRecord(new ConsumerRecord<>(
                            partition.topic(), partition.partition(), offset, ByteBuffer.wrap(new byte[] {1}),
                            ByteBuffer.wrap(value))));
                }
            }
            return super.poll(timeout);
        }
    }
}
