import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end latency of the pipeline (bench/run.sh latency): MySQL commit → Debezium → Kafka → clickhouse-sink →
 * visible in ClickHouse. Java 17 single-file program; classpath: kafka-clients + mysql-connector-j.
 *
 * <p>Writers do single-row autocommit INSERTs at a fixed rate (default 1,000/s for 60 s, after a warm-up that is not
 * counted) into a new table {@code <db>.<table>(id BIGINT PK, created_at DATETIME(6), payload VARCHAR(64))};
 * {@code created_at} is the client's wall clock (UTC, microseconds) just before the statement is sent — the
 * statement commits on its own, so that is the commit time up to the ~1 ms the commit takes (commit_to_visible
 * reports the latency from the commit's acknowledgement). A poller queries
 * {@code SELECT id, created_at FROM <db>.<table> FINAL WHERE id > <all seen below>} every poll-ms and records, for
 * each new row, the time the answer arrived minus created_at. An optional Kafka reader records each record's
 * Kafka timestamp (set by Kafka Connect's producer when Debezium hands it over), which splits the latency into
 * source side (MySQL → Debezium → Kafka) and sink side (Kafka → ClickHouse).
 *
 * <p>Times: everything is UTC on one host clock. created_at is written as text and read back as text (on a
 * ClickHouse before 23.8 the sink stores DATETIME as String, see docs/type-mapping.md), so neither the MySQL nor the
 * ClickHouse time zone touches it; the poller also checks that the text it reads back equals the text written.
 */
public class LatencyBench {

    static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    static String text(long micros) {
        return TEXT.format(LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC));
    }

    static long parseMicros(String text) {
        LocalDateTime t = LocalDateTime.parse(text, TEXT);
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String mysqlUrl = "jdbc:mysql://" + a.getOrDefault("mysql-host", "127.0.0.1") + ":" + a.get("mysql-port") + "/"
                + a.get("db") + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
        Properties login = new Properties();
        login.setProperty("user", a.get("mysql-user"));
        login.setProperty("password", a.get("mysql-password"));
        String db = a.get("db");
        String table = a.getOrDefault("table", "bench_latency_" + (System.currentTimeMillis() / 1000));
        String chUrl = a.get("ch-url");
        String chAuth = "Basic " + Base64.getEncoder().encodeToString((a.getOrDefault("ch-user", "default") + ":"
                + a.getOrDefault("ch-password", "")).getBytes(StandardCharsets.UTF_8));
        String chTable = a.getOrDefault("ch-db", db) + "." + table;
        double rate = Double.parseDouble(a.getOrDefault("rate", "1000"));
        double durationS = Double.parseDouble(a.getOrDefault("duration", "60"));
        double warmupS = Double.parseDouble(a.getOrDefault("warmup", "5"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "4"));
        long pollMs = Long.parseLong(a.getOrDefault("poll-ms", "20"));
        String bootstrap = a.get("bootstrap");
        String topic = a.getOrDefault("topic-prefix", "streaming_etl") + "." + db + "." + table;
        String csv = a.get("csv");

        int warmupRows = (int) Math.round(warmupS * rate);
        int total = warmupRows + (int) Math.round(durationS * rate);
        long[] createdUs = new long[total + 1];
        long[] commitUs = new long[total + 1];
        long[] visibleUs = new long[total + 1];
        long[] kafkaMs = new long[total + 1];
        boolean[] committed = new boolean[total + 1];

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // 1. the table in MySQL; cdc-registrar announces it, the sink creates it in ClickHouse with its first rows
        try (Connection c = DriverManager.getConnection(mysqlUrl, login); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, created_at DATETIME(6) NOT NULL, "
                    + "payload VARCHAR(64) NOT NULL) ENGINE=InnoDB");
        }
        log("created MySQL table " + db + "." + table);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Flag stop = new Flag();

        // 2. optional Kafka reader: the Kafka timestamp of each record
        Thread kafkaReader = null;
        if (bootstrap != null) {
            kafkaReader = new Thread(() -> {
                Map<String, Object> p = new HashMap<>();
                p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency-reader");
                p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    List<PartitionInfo> parts = List.of();
                    while (!stop.set && (parts == null || parts.isEmpty())) {
                        try {
                            parts = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                        } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                            parts = List.of(); // the topic appears with the first record Debezium writes
                        }
                        if (parts == null || parts.isEmpty()) {
                            Thread.sleep(100);
                        }
                    }
                    List<TopicPartition> tps = new ArrayList<>();
                    for (PartitionInfo pi : parts) {
                        tps.add(new TopicPartition(topic, pi.partition()));
                    }
                    consumer.assign(tps);
                    consumer.seekToBeginning(tps);
                    while (!stop.set) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                            long id = keyId(r.key());
                            if (id >= 1 && id <= total && kafkaMs[(int) id] == 0) {
                                kafkaMs[(int) id] = r.timestamp();
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "kafka-reader");
            kafkaReader.setDaemon(true);
            kafkaReader.start();
        }

        // 3. the poller, on a thread of its own until the end
        boolean[] seen = new boolean[total + 1];
        AtomicLong seenCount = new AtomicLong();
        long[] pollStats = new long[3]; // polls, sum of query time (us), created_at mismatches
        Thread poller = new Thread(() -> {
            long watermark = 0; // every id <= watermark has been seen
            long pollNs = pollMs * 1_000_000L;
            long nextPoll = System.nanoTime();
            try {
                while (!stop.set) {
                    long wait = nextPoll - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    nextPoll = Math.max(nextPoll + pollNs, System.nanoTime());
                    long sent = micros(Instant.now());
                    String body = query(http, chUrl, chAuth, "SELECT id, created_at FROM " + chTable + " FINAL WHERE id > "
                            + watermark + " FORMAT TabSeparated");
                    long received = micros(Instant.now());
                    if (body == null) {
                        continue; // the sink has not created the table yet
                    }
                    pollStats[0]++;
                    pollStats[1] += received - sent;
                    for (String line : body.split("\n")) {
                        if (line.isEmpty()) {
                            continue;
                        }
                        int tab = line.indexOf('\t');
                        int id = Integer.parseInt(line.substring(0, tab));
                        if (id < 1 || id > total || seen[id]) {
                            continue;
                        }
                        seen[id] = true;
                        visibleUs[id] = received;
                        if (committed[id] && parseMicros(line.substring(tab + 1)) != createdUs[id]) {
                            pollStats[2]++;
                        }
                        seenCount.incrementAndGet();
                    }
                    while (watermark < total && seen[(int) watermark + 1]) {
                        watermark++;
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "poller");
        poller.start();

        // 4. warm-up (not counted): the topic appears, the sink finds it (topic discovery), creates the ClickHouse
        // table and writes its first batches; then the measured commits, on a fresh schedule
        AtomicLong committedCount = new AtomicLong();
        log(String.format("warm-up: %d rows at %.0f commits/s", warmupRows, rate));
        write(mysqlUrl, login, table, 1, warmupRows, rate, threads, createdUs, commitUs, committed, committedCount, failure);
        awaitSeen(seenCount, committedCount.get(), 120, failure, "warm-up rows");
        log(String.format("measuring: %d rows at %.0f commits/s with %d connections", total - warmupRows, rate, threads));
        write(mysqlUrl, login, table, warmupRows + 1, total, rate, threads, createdUs, commitUs, committed, committedCount, failure);
        awaitSeen(seenCount, committedCount.get(), 60, failure, "measured rows");
        stop.set = true;
        poller.join(10_000);
        if (kafkaReader != null) {
            kafkaReader.join(5_000);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark failed: " + failure.get(), failure.get());
        }
        long polls = pollStats[0];
        long mismatched = pollStats[2];
        long pollQueryUsSum = pollStats[1];

        // 5. statistics over the measured (non-warm-up) rows
        List<Long> e2e = new ArrayList<>(), fromCommit = new ArrayList<>(), sourceSide = new ArrayList<>(), sinkSide = new ArrayList<>();
        long firstCreated = Long.MAX_VALUE, lastCommit = 0;
        int measured = 0, missing = 0;
        for (int id = warmupRows + 1; id <= total; id++) {
            if (!committed[id]) {
                continue;
            }
            measured++;
            firstCreated = Math.min(firstCreated, createdUs[id]);
            lastCommit = Math.max(lastCommit, commitUs[id]);
            if (!seen[id]) {
                missing++;
                continue;
            }
            e2e.add(visibleUs[id] - createdUs[id]);
            fromCommit.add(visibleUs[id] - commitUs[id]);
            if (kafkaMs[id] != 0) {
                sourceSide.add(kafkaMs[id] * 1000 - createdUs[id]);
                sinkSide.add(visibleUs[id] - kafkaMs[id] * 1000);
            }
        }
        double achieved = measured / ((lastCommit - firstCreated) / 1e6);
        System.out.println("table=" + db + "." + table);
        System.out.printf("target_rate=%.0f%nmeasured_rows=%d%nwarmup_rows=%d%nachieved_rate=%.1f%nmissing=%d%ncreated_at_mismatch=%d%n",
                rate, measured, warmupRows, achieved, missing, mismatched);
        System.out.printf("polls=%d%npoll_query_ms_avg=%.1f%n", polls, pollQueryUsSum / 1000.0 / Math.max(1, polls));
        stats("e2e", e2e);
        // e2e p50/p99 per 10 s of commits: shows stalls and warm-up effects
        StringBuilder windows = new StringBuilder();
        for (long from = firstCreated; from <= lastCommit; from += 10_000_000L) {
            List<Long> w = new ArrayList<>();
            for (int id = warmupRows + 1; id <= total; id++) {
                if (committed[id] && seen[id] && createdUs[id] >= from && createdUs[id] < from + 10_000_000L) {
                    w.add(visibleUs[id] - createdUs[id]);
                }
            }
            if (!w.isEmpty()) {
                long[] v = w.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(v);
                windows.append(windows.length() == 0 ? "" : " · ").append(String.format("%.0f/%.0f", pct(v, 50), pct(v, 99)));
            }
        }
        System.out.println("e2e_windows_10s_p50_p99_ms=" + windows);
        stats("commit_to_visible", fromCommit);
        stats("source_to_kafka", sourceSide);
        stats("kafka_to_visible", sinkSide);
        if (csv != null) {
            StringBuilder b = new StringBuilder("id,created_us,commit_us,kafka_ms,visible_us\n");
            for (int id = 1; id <= total; id++) {
                b.append(id).append(',').append(createdUs[id]).append(',').append(commitUs[id]).append(',')
                        .append(kafkaMs[id]).append(',').append(visibleUs[id]).append('\n');
            }
            Files.writeString(Path.of(csv), b);
        }
    }

    static final class Flag {
        volatile boolean set;
    }

    /** Commits ids from..to at {@code rate} per second on {@code threads} connections; returns when all are done. */
    static void write(String url, Properties login, String table, int from, int to, double rate, int threads,
                      long[] createdUs, long[] commitUs, boolean[] committed, AtomicLong committedCount,
                      AtomicReference<Throwable> failure) throws InterruptedException {
        AtomicLong next = new AtomicLong(from);
        long periodNs = (long) (1e9 / rate);
        long startNs = System.nanoTime() + 100_000_000L;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, login);
                     PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (id, created_at, payload) VALUES (?, ?, ?)")) {
                    c.setAutoCommit(true);
                    while (failure.get() == null) {
                        long k = next.getAndIncrement();
                        if (k > to) {
                            break;
                        }
                        long due = startNs + (k - from) * periodNs;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        long created = micros(Instant.now());
                        insert.setLong(1, k);
                        insert.setString(2, text(created));
                        insert.setString(3, "payload of row " + k);
                        createdUs[(int) k] = created;
                        insert.executeUpdate();
                        commitUs[(int) k] = micros(Instant.now());
                        committed[(int) k] = true;
                        committedCount.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "writer-" + t);
            w.start();
            writers.add(w);
        }
        for (Thread w : writers) {
            w.join();
        }
    }

    static void awaitSeen(AtomicLong seen, long want, int timeoutS, AtomicReference<Throwable> failure, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
        while (seen.get() < want && failure.get() == null) {
            if (System.nanoTime() > deadline) {
                log("giving up: " + (want - seen.get()) + " " + what + " still not visible in ClickHouse after " + timeoutS + " s");
                return;
            }
            Thread.sleep(20);
        }
    }

    static void stats(String name, List<Long> us) {
        if (us.isEmpty()) {
            System.out.println(name + "_count=0");
            return;
        }
        long[] v = us.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        double sum = 0;
        for (long x : v) {
            sum += x;
        }
        System.out.printf("%s_count=%d%n%s_p50_ms=%.1f%n%s_p90_ms=%.1f%n%s_p99_ms=%.1f%n%s_p999_ms=%.1f%n%s_max_ms=%.1f%n%s_min_ms=%.1f%n%s_mean_ms=%.1f%n",
                name, v.length, name, pct(v, 50), name, pct(v, 90), name, pct(v, 99), name, pct(v, 99.9),
                name, v[v.length - 1] / 1000.0, name, v[0] / 1000.0, name, sum / v.length / 1000.0);
    }

    /** Nearest-rank percentile, in ms. */
    static double pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    static String query(HttpClient http, String url, String auth, String sql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .header("Authorization", auth).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404 && (response.body().contains("Code: 60") || response.body().contains("Code: 81"))) {
            return null; // UNKNOWN_TABLE / UNKNOWN_DATABASE: the sink has not created it yet
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse answered " + response.statusCode() + " to " + sql + ": " + response.body());
        }
        return response.body();
    }

    static void log(String message) {
        System.err.println("[" + Instant.now() + "] " + message);
    }

    /**
     * The id of a change event's key: JsonConverter's {@code {"schema":...,"payload":{"id":N}}}, or with
     * PIPELINE_FORMAT=avro the Confluent wire format (magic byte 0, 4-byte schema id, then the Avro record whose only
     * field is the long id, a zig-zag varint).
     */
    static long keyId(byte[] key) {
        if (key.length > 5 && key[0] == 0) {
            long raw = 0;
            int shift = 0;
            for (int i = 5; i < key.length; i++, shift += 7) {
                raw |= (long) (key[i] & 0x7f) << shift;
                if ((key[i] & 0x80) == 0) {
                    break;
                }
            }
            return (raw >>> 1) ^ -(raw & 1);
        }
        String text = new String(key, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("\"id\":");
        return Long.parseLong(text.substring(at + 5, text.indexOf('}', at)).trim());
    }
}
