import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.common.topics.Topics;

/**
 * Load generator of the clickhouse-sink benchmark (bench/run.sh). Java 17 single-file program; classpath:
 * common/target/classes + kafka-clients + jackson (see bench/run.sh).
 *
 * <pre>
 *   check     FIXTURE_DIR   the generated key, value and TableCaptured equal the ones captured from the real
 *                           stack (bench/fixtures: MariaDB 10.11 + Debezium 3.4 MariaDB connector + JsonConverter)
 *   produce   --bootstrap B --prefix P --db D --table T --count N [--op c|r] [--compression lz4|none|...]
 *             [--partitions 1] [--connector mariadb|mysql] [--recreate]
 *             (re)creates topic P.D.T, publishes TableCaptured for D.T on P.control (via ControlPublisher, the way
 *             cdc-registrar does), then produces N change events, one per id 1..N
 *   rowbinary --count N --out FILE   the same N rows in ClickHouse RowBinary, columns of the sink's table
 *             (10 source columns + _version, _deleted, _ingested_at) on a legacy (&lt; 23.8) server
 * </pre>
 *
 * The table (10 columns), as created in MySQL/MariaDB:
 * <pre>
 *   id BIGINT PRIMARY KEY, user_id INT, seq BIGINT, name VARCHAR(64), amount DECIMAL(12,2), created_at DATETIME(6),
 *   updated_at TIMESTAMP(6), score DOUBLE, active TINYINT(1), note TEXT NULL   (all others NOT NULL)
 * </pre>
 */
public class EventsBench {

    static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** 2026-01-01T00:00:00Z in microseconds: created_at of row 1. */
    static final long BASE_MICROS = 1_767_225_600_000_000L;

    /** One source row. */
    record Row(long id, int userId, long seq, String name, long amountUnscaled, long createdAtMicros,
               String updatedAt, double score, int active, String note) {
    }

    /** The deterministic row of id (1-based). Values vary per row so nothing compresses to nothing in ClickHouse. */
    static Row row(long id) {
        long i = id - 1;
        int userId = (int) ((i * 7919L) % 1_000_000L) - 500_000;
        long seq = i * 1_000_003L;
        String name = "user-" + (i % 100_000) + "-" + Long.toHexString(i * 0x9E3779B97F4A7C15L);
        long amount = (i * 7_919_113L) % 2_000_000_000L - 1_000_000_000L; // |x| < 10^10: fits DECIMAL(12,2)
        long created = BASE_MICROS + i * 1_000L + (i % 997);
        long updatedMicros = created + 1_500_000L + (i % 1000);
        String updated = ZONED.format(LocalDateTime.ofEpochSecond(Math.floorDiv(updatedMicros, 1_000_000L),
                (int) Math.floorMod(updatedMicros, 1_000_000L) * 1000, ZoneOffset.UTC));
        double score = (i % 100_000) / 8.0 + 0.125;
        int active = (int) (i & 1);
        String note = i % 10 == 9 ? null
                : "Note " + i + ": the quick brown fox jumps over the lazy dog; order #" + (i * 31 % 1_000_003)
                        + " shipped.";
        return new Row(id, userId, seq, name, amount, created, updated, score, active, note);
    }

    // ------------------------------------------------------------------ Debezium + JsonConverter (schemas.enable)

    /** Key and value of Debezium change events of one table, exactly as Kafka Connect's JsonConverter writes them. */
    static final class Envelopes {
        final String prefix, db, table, connector;
        final byte[] valuePrefix;
        final String keyPrefix, keySuffix = "}}";

        Envelopes(String prefix, String db, String table, String connector) {
            this.prefix = prefix;
            this.db = db;
            this.table = table;
            this.connector = connector;
            String name = prefix + "." + db + "." + table;
            this.keyPrefix = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"}],"
                    + "\"optional\":false,\"name\":\"" + name + ".Key\"},\"payload\":{\"id\":";
            String row = "{\"type\":\"struct\",\"fields\":["
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"},"
                    + "{\"type\":\"int32\",\"optional\":false,\"field\":\"user_id\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"seq\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"name\"},"
                    + "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
                    + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"12\"},\"field\":\"amount\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"created_at\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,"
                    + "\"default\":\"1970-01-01T00:00:00Z\",\"field\":\"updated_at\"},"
                    + "{\"type\":\"double\",\"optional\":false,\"field\":\"score\"},"
                    + "{\"type\":\"int16\",\"optional\":false,\"field\":\"active\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"note\"}],"
                    + "\"optional\":true,\"name\":\"" + name + ".Value\",\"field\":\"%s\"}";
            String source = "{\"type\":\"struct\",\"fields\":["
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"version\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"connector\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"name\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"ts_ms\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Enum\",\"version\":1,"
                    + "\"parameters\":{\"allowed\":\"true,first,first_in_data_collection,last_in_data_collection,last,false,incremental\"},"
                    + "\"default\":\"false\",\"field\":\"snapshot\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"db\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"sequence\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_us\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ns\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"table\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"server_id\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"gtid\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"file\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"pos\"},"
                    + "{\"type\":\"int32\",\"optional\":false,\"field\":\"row\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"thread\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"query\"}],"
                    + "\"optional\":false,\"name\":\"io.debezium.connector." + connector + ".Source\",\"version\":1,\"field\":\"source\"}";
            String transaction = "{\"type\":\"struct\",\"fields\":["
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"id\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"total_order\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"data_collection_order\"}],"
                    + "\"optional\":true,\"name\":\"event.block\",\"version\":1,\"field\":\"transaction\"}";
            String schema = "{\"type\":\"struct\",\"fields\":[" + row.formatted("before") + "," + row.formatted("after") + ","
                    + source + "," + transaction + ","
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_us\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ns\"}],"
                    + "\"optional\":false,\"name\":\"" + name + ".Envelope\",\"version\":2}";
            this.valuePrefix = ("{\"schema\":" + schema + ",\"payload\":{\"before\":null,\"after\":").getBytes(StandardCharsets.UTF_8);
        }

        byte[] key(long id) {
            return (keyPrefix + id + keySuffix).getBytes(StandardCharsets.UTF_8);
        }

        /**
         * @param op       c (insert from the binlog) or r (snapshot read)
         * @param snapshot the source.snapshot value: false for binlog events, true/first/last for snapshot reads
         * @param sourceTsMs when the change happened in the source (ms)
         * @param eventTsNs  when Debezium handled it (ns)
         */
        byte[] value(Row r, char op, String snapshot, long sourceTsMs, long eventTsNs, long binlogPos) {
            StringBuilder b = new StringBuilder(640);
            b.append("{\"id\":").append(r.id)
                    .append(",\"user_id\":").append(r.userId)
                    .append(",\"seq\":").append(r.seq)
                    .append(",\"name\":");
            jsonString(b, r.name);
            b.append(",\"amount\":\"").append(Base64.getEncoder().encodeToString(BigInteger.valueOf(r.amountUnscaled).toByteArray()))
                    .append("\",\"created_at\":").append(r.createdAtMicros)
                    .append(",\"updated_at\":\"").append(r.updatedAt)
                    .append("\",\"score\":").append(r.score)
                    .append(",\"active\":").append(r.active)
                    .append(",\"note\":");
            if (r.note == null) {
                b.append("null");
            } else {
                jsonString(b, r.note);
            }
            b.append("},\"source\":{\"version\":\"3.4.0.Final\",\"connector\":\"").append(connector)
                    .append("\",\"name\":\"").append(prefix)
                    .append("\",\"ts_ms\":").append(sourceTsMs)
                    .append(",\"snapshot\":\"").append(snapshot)
                    .append("\",\"db\":\"").append(db)
                    .append("\",\"sequence\":null,\"ts_us\":").append(sourceTsMs * 1000)
                    .append(",\"ts_ns\":").append(sourceTsMs * 1_000_000)
                    .append(",\"table\":\"").append(table)
                    .append("\",\"server_id\":1,\"gtid\":");
            if (op == 'r') {
                b.append("null");
            } else {
                b.append("\"0-1-").append(r.id + 23).append('"');
            }
            b.append(",\"file\":\"mysql-bin.000001\",\"pos\":").append(binlogPos)
                    .append(",\"row\":0,\"thread\":null,\"query\":null},\"transaction\":null,\"op\":\"").append(op)
                    .append("\",\"ts_ms\":").append(eventTsNs / 1_000_000)
                    .append(",\"ts_us\":").append(eventTsNs / 1_000)
                    .append(",\"ts_ns\":").append(eventTsNs)
                    .append("}}");
            byte[] tail = b.toString().getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[valuePrefix.length + tail.length];
            System.arraycopy(valuePrefix, 0, out, 0, valuePrefix.length);
            System.arraycopy(tail, 0, out, valuePrefix.length, tail.length);
            return out;
        }
    }

    static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** The TableCaptured cdc-registrar announces for the table (as read from information_schema of MariaDB 10.11). */
    static TableCaptured tableCaptured(Topics topics, String db, String table) {
        List<ColumnDefinition> columns = List.of(
                new ColumnDefinition("id", 1, "bigint", "bigint(20)", null, 19, 0, null, false, false, List.of()),
                new ColumnDefinition("user_id", 2, "int", "int(11)", null, 10, 0, null, false, false, List.of()),
                new ColumnDefinition("seq", 3, "bigint", "bigint(20)", null, 19, 0, null, false, false, List.of()),
                new ColumnDefinition("name", 4, "varchar", "varchar(64)", 64L, null, null, null, false, false, List.of()),
                new ColumnDefinition("amount", 5, "decimal", "decimal(12,2)", null, 12, 2, null, false, false, List.of()),
                new ColumnDefinition("created_at", 6, "datetime", "datetime(6)", null, null, null, 6, false, false, List.of()),
                new ColumnDefinition("updated_at", 7, "timestamp", "timestamp(6)", null, null, null, 6, false, false, List.of()),
                new ColumnDefinition("score", 8, "double", "double", null, 22, null, null, false, false, List.of()),
                new ColumnDefinition("active", 9, "tinyint", "tinyint(1)", null, 3, 0, null, false, false, List.of()),
                // A NULL-able column without a default: MariaDB's information_schema says its default is NULL.
                new ColumnDefinition("note", 10, "text", "text", 65535L, null, null, null, false, true, List.of(),
                        org.streamingetl.common.control.ColumnDefault.NULL,
                        org.streamingetl.common.control.ColumnDefault.NULL));
        return new TableCaptured(db, table, topics.data(db, table), List.of("id"), columns);
    }

    // ------------------------------------------------------------------ check against the captured fixtures

    static void check(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        String db = "streaming_etl_db", table = "events_ref", prefix = "streaming_etl";
        Envelopes env = new Envelopes(prefix, db, table, "mariadb");
        JsonNode wantKey = json.readTree(Files.readAllBytes(dir.resolve("debezium-3.4.0-mariadb.events_ref.key.json")));
        JsonNode wantValue = json.readTree(Files.readAllBytes(dir.resolve("debezium-3.4.0-mariadb.events_ref.value.json")));
        JsonNode wantControl = json.readTree(Files.readAllBytes(dir.resolve("table-captured.events_ref.json")));
        // The row of the fixture: INSERT INTO events_ref VALUES (1, 42, 1234567890123, 'name-1', 12345.67,
        // '2026-11-25 12:00:00.123456', '2026-11-25 12:00:00.654321', 3.14159, 1, 'some note text')
        Row r = new Row(1, 42, 1234567890123L, "name-1", 1234567, 1795608000123456L, "2026-11-25T12:00:00.654321Z",
                3.14159, 1, "some note text");
        JsonNode src = wantValue.path("payload").path("source");
        JsonNode gotValue = json.readTree(env.value(r, 'c', "false", src.path("ts_ms").asLong(),
                wantValue.path("payload").path("ts_ns").asLong(), src.path("pos").asLong()));
        List<String> problems = new ArrayList<>();
        if (!json.readTree(env.key(1)).equals(wantKey)) {
            problems.add("key differs");
        }
        if (!gotValue.path("schema").equals(wantValue.path("schema"))) {
            problems.add("value schema differs");
        }
        ObjectNode gotPayload = (ObjectNode) gotValue.path("payload").deepCopy();
        ObjectNode wantPayload = (ObjectNode) wantValue.path("payload").deepCopy();
        ((ObjectNode) gotPayload.path("source")).remove("gtid");
        ((ObjectNode) wantPayload.path("source")).remove("gtid");
        if (!gotPayload.equals(wantPayload)) {
            problems.add("payload differs:\n  got  " + gotPayload + "\n  want " + wantPayload);
        }
        if (!fieldOrder(gotValue).equals(fieldOrder(wantValue))) {
            problems.add("field order differs");
        }
        ControlCodec codec = new ControlCodec("cdc-registrar");
        JsonNode gotControl = json.readTree(codec.toJson(codec.event(EventType.TableCaptured,
                tableCaptured(new Topics(prefix), db, table))));
        if (!gotControl.path("payload").equals(wantControl.path("payload"))) {
            problems.add("TableCaptured payload differs:\n  got  " + gotControl.path("payload") + "\n  want "
                    + wantControl.path("payload"));
        }
        if (!gotControl.path("type").equals(wantControl.path("type")) || !gotControl.path("by").equals(wantControl.path("by"))) {
            problems.add("TableCaptured type/by differs");
        }
        if (!problems.isEmpty()) {
            System.err.println("generator does NOT match the captured Debezium records:\n" + String.join("\n", problems));
            System.exit(1);
        }
        System.out.println("check=ok key, value (schema, payload, field order) and TableCaptured match " + dir);
    }

    static List<String> fieldOrder(JsonNode n) {
        List<String> out = new ArrayList<>();
        walk(n, "", out);
        return out;
    }

    static void walk(JsonNode n, String path, List<String> out) {
        if (n.isObject()) {
            Iterator<String> names = n.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                out.add(path + "/" + name);
                walk(n.get(name), path + "/" + name, out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), path + "[" + i + "]", out);
            }
        }
    }

    // ------------------------------------------------------------------ produce

    static void produce(Map<String, String> a) throws Exception {
        String bootstrap = a.get("bootstrap");
        String prefix = a.getOrDefault("prefix", "streaming_etl");
        String db = a.getOrDefault("db", "benchdb");
        String table = a.getOrDefault("table", "events");
        long count = Long.parseLong(a.getOrDefault("count", "2000000"));
        char op = a.getOrDefault("op", "c").charAt(0);
        String compression = a.getOrDefault("compression", "lz4");
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "1"));
        String connector = a.getOrDefault("connector", "mariadb");
        Topics topics = new Topics(prefix);
        String topic = topics.data(db, table);

        Map<String, Object> kafka = new HashMap<>();
        kafka.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        kafka.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-producer");
        try (Admin admin = Admin.create(kafka)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (existing.contains(topic) && a.containsKey("recreate")) {
                admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topic " + topic + " still exists 60 s after its deletion");
                    }
                    Thread.sleep(200);
                }
                System.err.println("deleted topic " + topic);
            }
            createTopic(admin, new NewTopic(topic, partitions, (short) 1), true);
            // The control topic as the services create it (KafkaTopics.ensureExists): 1 partition, compacted.
            createTopic(admin, new NewTopic(topics.control(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)), false);
        }

        try (ControlPublisher control = new ControlPublisher(kafka, topics.control(), new ControlCodec("cdc-registrar"))) {
            control.publish(EventType.TableCaptured, db + "." + table, tableCaptured(topics, db, table));
        }
        System.err.println("published TableCaptured table/" + db + "." + table + " on " + topics.control());

        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, compression.equals("none") ? 512 * 1024 : 1024 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        Envelopes env = new Envelopes(prefix, db, table, connector);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long start = System.nanoTime();
        long sourceTs = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long id = 1; id <= count; id++) {
                if (failure.get() != null) {
                    break;
                }
                String snapshot = op == 'r' ? (id == 1 ? "first" : id == count ? "last" : "true") : "false";
                long now = System.currentTimeMillis();
                byte[] value = env.value(row(id), op, snapshot, op == 'r' ? sourceTs : now, now * 1_000_000L + id % 1_000_000,
                        op == 'r' ? 4 : 5445 + (id - 1) * 411);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topic, env.key(id), value), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                if (id % 500_000 == 0) {
                    System.err.printf("  produced %,d / %,d%n", id, count);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("produced=%d%nproduce_seconds=%.1f%nproduce_rate=%.0f%nvalue_bytes=%d%navg_value_bytes=%.0f%ntopic=%s%n",
                acked.get(), secs, acked.get() / secs, bytes, (double) bytes / Math.max(1, count), topic);
    }

    static void createTopic(Admin admin, NewTopic t, boolean mustBeNew) throws Exception {
        try {
            admin.createTopics(List.of(t)).all().get(60, TimeUnit.SECONDS);
            System.err.println("created topic " + t.name() + " (" + t.numPartitions() + " partition(s))");
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            if (mustBeNew) {
                System.err.println("topic " + t.name() + " exists already: records are appended (use --recreate)");
            }
        }
    }

    // ------------------------------------------------------------------ RowBinary baseline

    /** The rows in RowBinary, in the column order of the sink's table on a legacy ClickHouse (see DdlBuilder). */
    static void rowBinary(Map<String, String> a) throws IOException {
        long count = Long.parseLong(a.getOrDefault("count", "2000000"));
        Path out = Path.of(a.get("out"));
        long ingestedAt = Instant.now().getEpochSecond();
        byte[] buf = new byte[16];
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            for (long id = 1; id <= count; id++) {
                Row r = row(id);
                le(o, buf, r.id, 8);                                  // id Int64
                le(o, buf, r.userId, 4);                              // user_id Int32
                le(o, buf, r.seq, 8);                                 // seq Int64
                string(o, buf, r.name);                               // name String
                le(o, buf, r.amountUnscaled, 8);                      // amount Decimal(12, 2) = Decimal64
                string(o, buf, TEXT.format(LocalDateTime.ofEpochSecond(Math.floorDiv(r.createdAtMicros, 1_000_000L),
                        (int) Math.floorMod(r.createdAtMicros, 1_000_000L) * 1000, ZoneOffset.UTC))); // created_at String
                string(o, buf, r.updatedAt.replace('T', ' ').replace("Z", ""));              // updated_at String (UTC)
                le(o, buf, Double.doubleToRawLongBits(r.score), 8);  // score Float64
                o.write(r.active);                                    // active Int8
                if (r.note == null) {                                 // note Nullable(String)
                    o.write(1);
                } else {
                    o.write(0);
                    string(o, buf, r.note);
                }
                le(o, buf, id - 1, 8);                                // _version UInt64 (the Kafka offset)
                o.write(0);                                           // _deleted UInt8
                le(o, buf, ingestedAt, 4);                            // _ingested_at DateTime
            }
        }
        System.out.printf("rowbinary_rows=%d%nrowbinary_bytes=%d%n", count, Files.size(out));
    }

    static void le(OutputStream o, byte[] buf, long v, int bytes) throws IOException {
        for (int i = 0; i < bytes; i++) {
            buf[i] = (byte) (v >>> (8 * i));
        }
        o.write(buf, 0, bytes);
    }

    static void string(OutputStream o, byte[] buf, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long v = b.length;
        int n = 0;
        while ((v & ~0x7FL) != 0) {
            buf[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[n++] = (byte) v;
        o.write(buf, 0, n);
        o.write(b);
    }

    // ------------------------------------------------------------------ main

    static Map<String, String> options(String[] args, int from) {
        Map<String, String> m = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String k = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(k, args[++i]);
            } else {
                m.put(k, "true");
            }
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: EventsBench check DIR | produce --bootstrap B ... | rowbinary --count N --out FILE");
            System.exit(2);
        }
        switch (args[0]) {
            case "check" -> check(Path.of(args[1]));
            case "produce" -> produce(options(args, 1));
            case "rowbinary" -> rowBinary(options(args, 1));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }
}
