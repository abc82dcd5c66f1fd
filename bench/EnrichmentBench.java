import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.kafka.ControlPublisher;

/**
 * Input of the enrichment benchmark (bench/enrichment.sh): announces benchdb.customers and benchdb.orders as
 * cdc-registrar would, then produces Debezium change events (JsonConverter with schemas, as the MariaDB connector
 * writes them) into their topics: CUSTOMERS inserts, then ORDER_CHANGES order changes (70 % inserts, 20 % updates,
 * 10 % deletes) with a customer rename every 20 changes.
 * Usage: java -cp <cp> bench/EnrichmentBench.java <bootstrap> <prefix> <customers> <orderChanges>
 */
public class EnrichmentBench {

    static final String CUSTOMER_FIELDS = "[{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
            + "{\"type\":\"string\",\"optional\":true,\"field\":\"name\"},{\"type\":\"string\",\"optional\":true,\"field\":\"country\"}]";
    static final String ORDER_FIELDS = "[{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"},"
            + "{\"type\":\"int32\",\"optional\":true,\"field\":\"customer_id\"},"
            + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
            + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"12\"},\"field\":\"amount\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"created_at\"}]";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String prefix = args[1];
        int customers = Integer.parseInt(args[2]);
        int orderChanges = Integer.parseInt(args[3]);
        Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrap);
        String customersTopic = prefix + ".benchdb.customers";
        String ordersTopic = prefix + ".benchdb.orders";
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(customersTopic, 1, (short) 1), new NewTopic(ordersTopic, 1, (short) 1),
                    new NewTopic(prefix + ".control", 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .values().forEach((t, f) -> { try { f.get(); } catch (Exception ignored) { } });
        }
        try (ControlPublisher control = new ControlPublisher(kafka, prefix + ".control", new ControlCodec("cdc-registrar"))) {
            control.publish(EventType.TableCaptured, "benchdb.customers", new TableCaptured("benchdb", "customers",
                    customersTopic, List.of("id"), List.of(col("id", 1, "int", false, null, null),
                    col("name", 2, "varchar", true, null, null), col("country", 3, "char", true, null, null))));
            control.publish(EventType.TableCaptured, "benchdb.orders", new TableCaptured("benchdb", "orders",
                    ordersTopic, List.of("id"), List.of(col("id", 1, "bigint", false, null, null),
                    col("customer_id", 2, "int", true, null, null), col("amount", 3, "decimal", true, 12, 2),
                    col("created_at", 4, "datetime", true, null, null))));
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("linger.ms", 20);
        props.put("batch.size", 1 << 20);
        props.put("compression.type", "lz4");
        Random random = new Random(42);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int c = 1; c <= customers; c++) {
                producer.send(new ProducerRecord<>(customersTopic, key(c), customer("c", c, "customer " + c)));
            }
            long nextOrder = 1;
            for (int i = 0; i < orderChanges; i++) {
                if (i % 20 == 19) {
                    int c = 1 + random.nextInt(customers);
                    producer.send(new ProducerRecord<>(customersTopic, key(c), customer("u", c, "renamed " + i)));
                }
                int kind = random.nextInt(10);
                if (kind < 7 || nextOrder < 10) {
                    producer.send(new ProducerRecord<>(ordersTopic, key(nextOrder), order("c", nextOrder, random, customers)));
                    nextOrder++;
                } else if (kind < 9) {
                    long id = 1 + (long) random.nextInt((int) nextOrder - 1);
                    producer.send(new ProducerRecord<>(ordersTopic, key(id), order("u", id, random, customers)));
                } else {
                    long id = 1 + (long) random.nextInt((int) nextOrder - 1);
                    producer.send(new ProducerRecord<>(ordersTopic, key(id), envelope(ORDER_FIELDS,
                            "{\"id\":" + id + ",\"customer_id\":null,\"amount\":null,\"created_at\":null}", "null", "d")));
                }
            }
        }
        System.out.printf("produced %d customers and %d order changes (+%d customer renames) in %.1f s%n", customers,
                orderChanges, orderChanges / 20, (System.nanoTime() - start) / 1e9);
    }

    static ColumnDefinition col(String name, int position, String type, boolean nullable, Integer precision, Integer scale) {
        return new ColumnDefinition(name, position, type, type, null, precision, scale,
                type.equals("datetime") ? 6 : null, false, nullable, List.of());
    }

    static byte[] key(long id) {
        return ("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"}],"
                + "\"optional\":false},\"payload\":{\"id\":" + id + "}}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] customer(String op, int id, String name) {
        String row = "{\"id\":" + id + ",\"name\":\"" + name + "\",\"country\":\"" + (id % 2 == 0 ? "DE" : "FR") + "\"}";
        return envelope(CUSTOMER_FIELDS, op.equals("c") ? "null" : row, row, op);
    }

    static byte[] order(String op, long id, Random random, int customers) {
        String amount = Base64.getEncoder().encodeToString(new BigDecimal(random.nextInt(100000)).toBigInteger().toByteArray());
        String row = "{\"id\":" + id + ",\"customer_id\":" + (1 + random.nextInt(customers + customers / 10))
                + ",\"amount\":\"" + amount + "\",\"created_at\":" + (1_700_000_000_000_000L + id) + "}";
        return envelope(ORDER_FIELDS, op.equals("c") ? "null" : row, row, op);
    }

    static byte[] envelope(String fields, String before, String after, String op) {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"fields\":" + fields
                + ",\"optional\":true,\"field\":\"before\"},{\"type\":\"struct\",\"fields\":" + fields
                + ",\"optional\":true,\"field\":\"after\"},{\"type\":\"string\",\"optional\":false,\"field\":\"op\"}],"
                + "\"optional\":false,\"name\":\"benchdb.Envelope\"}";
        return ("{\"schema\":" + schema + ",\"payload\":{\"before\":" + before + ",\"after\":" + (op.equals("d") ? "null" : after)
                + ",\"op\":\"" + op + "\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
