import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The clock of bench/e2e.sh: watches one bulk insert travel through the pipeline. Java 17 single-file program;
 * classpath: kafka-clients (and its logging API).
 *
 * It prints {@code ready=1} once its Kafka consumer reaches the broker (the script commits only then), then polls:
 * the topic's end offsets (sum over its partitions) every {@code --poll-ms} until they reach {@code --offsets},
 * and ClickHouse's {@code SELECT count() ... WHERE <filter>} until it reaches {@code --rows}; a plain count first
 * (cheap), then the same under {@code FINAL WHERE _deleted = 0}, which is the figure that counts. It prints the epoch
 * milliseconds of each milestone as key=value lines:
 * kafka_first_ms (the first new record), kafka_done_ms, ch_first_ms (the first new row), ch_plain_ms, ch_done_ms.
 * Progress goes to stderr every 10 s. Exit code 1 when --timeout-s passes first.
 */
public class E2eWatch {

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        String topic = a.get("topic");
        long offsets = Long.parseLong(a.get("offsets"));
        long rows = Long.parseLong(a.get("rows"));
        String table = a.get("table");
        String filter = a.getOrDefault("filter", "1");
        long pollMs = Long.parseLong(a.getOrDefault("poll-ms", "100"));
        long timeoutMs = 1000 * Long.parseLong(a.getOrDefault("timeout-s", "3600"));
        ClickHouse ch = new ClickHouse(a.get("ch-url"), a.get("ch-user"), a.get("ch-password"));

        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, a.get("bootstrap"));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-e2e-watch");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo pi : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                tps.add(new TopicPartition(topic, pi.partition()));
            }
            if (tps.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            long base = endOffsets(consumer, tps);
            long chBase = ch.count(table, filter, false);
            System.out.println("kafka_base=" + base);
            System.out.println("ch_base=" + chBase);
            System.out.println("ready=1");
            System.out.flush();

            long start = System.currentTimeMillis();
            long kafkaFirst = 0, kafkaDone = 0, chFirst = 0, chPlain = 0, chDone = 0, lastLog = start;
            long nextCh = 0, end = 0, c = chBase;
            while (chDone == 0) {
                long now = System.currentTimeMillis();
                if (now - start > timeoutMs) {
                    System.err.printf("E2eWatch: timeout after %d s: Kafka end offsets %d of %d, ClickHouse %d of %d rows%n",
                            timeoutMs / 1000, end, offsets, c, rows);
                    System.exit(1);
                }
                if (kafkaDone == 0) {
                    end = endOffsets(consumer, tps);
                    now = System.currentTimeMillis();
                    if (kafkaFirst == 0 && end > base) {
                        kafkaFirst = now;
                    }
                    if (end >= offsets) {
                        kafkaDone = now;
                    }
                }
                // ClickHouse is polled less often than Kafka: each count costs the server a little CPU.
                if (now >= nextCh) {
                    c = ch.count(table, filter, chPlain != 0);
                    now = System.currentTimeMillis();
                    if (chFirst == 0 && c > chBase) {
                        chFirst = now;
                    }
                    if (chPlain == 0 && c >= rows) {
                        chPlain = now;
                        c = ch.count(table, filter, true);
                        now = System.currentTimeMillis();
                    }
                    if (chPlain != 0 && c >= rows) {
                        chDone = now;
                    }
                    nextCh = now + Math.max(pollMs, 250);
                }
                if (now - lastLog >= 10_000) {
                    System.err.printf("E2eWatch: +%d s: Kafka end offsets %d of %d, ClickHouse %d of %d rows%n",
                            (now - start) / 1000, end, offsets, c, rows);
                    lastLog = now;
                }
                Thread.sleep(pollMs);
            }
            System.out.println("kafka_first_ms=" + kafkaFirst);
            System.out.println("kafka_done_ms=" + kafkaDone);
            System.out.println("ch_first_ms=" + chFirst);
            System.out.println("ch_plain_ms=" + chPlain);
            System.out.println("ch_done_ms=" + chDone);
        }
    }

    static long endOffsets(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> tps) {
        long sum = 0;
        for (long v : consumer.endOffsets(tps, Duration.ofSeconds(10)).values()) {
            sum += v;
        }
        return sum;
    }

    /** count() over ClickHouse's HTTP interface (no compression: the 18.16 server answers compressed requests empty). */
    record ClickHouse(String url, String user, String password) {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        long count(String table, String filter, boolean fin) throws Exception {
            String sql = fin
                    ? "SELECT count() FROM " + table + " FINAL WHERE _deleted = 0 AND (" + filter + ")"
                    : "SELECT count() FROM " + table + " WHERE " + filter;
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(sql)).build();
            HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                // The table appears when the sink creates it; until then there is nothing to count.
                if (res.body().contains("Code: 60")) {
                    return 0;
                }
                throw new IllegalStateException("ClickHouse answered " + res.statusCode() + " to " + sql + ": " + res.body());
            }
            return Long.parseLong(res.body().trim());
        }
    }
}
