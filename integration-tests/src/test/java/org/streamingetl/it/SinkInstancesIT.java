package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two sink instances in one consumer group ({@code CLICKHOUSE_SINK_INSTANCES=2}) share a four-partition change topic;
 * one is killed with SIGKILL under load: the other takes its partitions over, the killed one, started again, takes
 * its share back, and ClickHouse's current state equals MySQL's — nothing lost, nothing visible twice, per-key order
 * kept across partitions. Then the proof of static membership: with a session timeout ({@value #LONG_SESSION}) far
 * longer than a restart takes, the killed instance, started again, commits on its partitions again long before its
 * old session could expire, and the surviving instance never got them: without static membership the restarted
 * process would be a new member, and the group would hold those partitions for the dead one until its session
 * expired.
 */
class SinkInstancesIT {

    private static final String TABLE = "instances_load";
    private static final int PARTITIONS = 4;
    private static final String GROUP = "clickhouse-sink";
    private static final String LONG_SESSION = "180s";
    private static Stack stack;
    private static Map<String, String> twoInstances;
    private static Admin admin;

    @BeforeAll
    static void twoInstancesRun() throws Exception {
        stack = Stack.ready("CDC_REGISTRAR_URL", "CLICKHOUSE_SINK_URL");
        int port = Integer.parseInt(stack.endpoints().get("CLICKHOUSE_SINK_URL").replaceAll(".*:", "")) + 10;
        twoInstances = Map.of("CLICKHOUSE_SINK_INSTANCES", "2", "CLICKHOUSE_SINK_2_PORT", Integer.toString(port));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().get("KAFKA_BOOTSTRAP"));
        admin = Admin.create(props);
        Platform.run(twoInstances, "services.sh", "up");
    }

    @AfterAll
    static void backToOneInstance() throws Exception {
        if (twoInstances != null) {
            Platform.run(twoInstances, "services.sh", "stop", "clickhouse-sink-2");
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void aKilledInstancesWorkIsTakenOverAndTakenBackAfterItsRestart() throws Exception {
        String db = stack.endpoints().get("MYSQL_DATABASE");
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + db + "." + TABLE;
        stack.mysql().execute("DROP TABLE IF EXISTS " + TABLE);
        if (!admin.listTopics().names().get().contains(topic)) {
            // Debezium keys changes by primary key: a key's changes all land in one partition, in commit order.
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        stack.mysql().execute(Workload.ddl(TABLE));
        Workload workload = new Workload(stack.mysql(), TABLE, 4000, 300);
        Thread writer = new Thread(workload, "workload");
        writer.start();

        Await.equal("both instances own partitions of " + topic, 2, () -> owners(topic).size(), Duration.ofSeconds(90));

        Platform.run(twoInstances, "services.sh", "kill", "clickhouse-sink-2");
        long killed = System.nanoTime();
        Await.equal("the surviving instance owns all " + PARTITIONS + " partitions", List.of(PARTITIONS),
                () -> owners(topic).values().stream().toList(), Duration.ofSeconds(60));
        System.out.printf("SinkInstancesIT: the other instance took over %.1f s after the SIGKILL%n",
                (System.nanoTime() - killed) / 1e9);

        long restarted = System.nanoTime();
        Platform.run(twoInstances, "services.sh", "up");
        long live = System.nanoTime();
        Await.equal("the restarted instance owns partitions again", 2, () -> owners(topic).size(),
                Duration.ofSeconds(60));
        System.out.printf("SinkInstancesIT: the killed instance was live %.1f s after its start (JVM and Quarkus start),"
                + " and owned partitions again %.1f s after that%n", (live - restarted) / 1e9,
                (System.nanoTime() - live) / 1e9);

        restartWithinTheSessionTakesThePartitionsBackAtOnce(topic);

        writer.join();
        assertNull(workload.failure(), "the workload itself failed");
        List<String> expected = stack.mysql().rows("SELECT id, v, s FROM " + TABLE + " ORDER BY id");
        assertTrue(expected.size() > 100, "the workload wrote rows");
        Await.equal("ClickHouse " + TABLE + " FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT id, v, s FROM " + db + "." + TABLE
                        + " FINAL WHERE _deleted = 0 ORDER BY id"), Duration.ofSeconds(120));
    }

    /**
     * Instance 2 runs with a {@value #LONG_SESSION} session timeout and is killed and started again at once: it owns
     * its partitions again well before that session could have expired, and instance 1 never held more than its own.
     */
    private static void restartWithinTheSessionTakesThePartitionsBackAtOnce(String topic) throws Exception {
        Map<String, String> longSession = new java.util.HashMap<>(twoInstances);
        longSession.put("SINK_KAFKA_SESSION_TIMEOUT", LONG_SESSION);
        Platform.run(longSession, "services.sh", "restart", "clickhouse-sink-2");
        Await.equal("both instances own partitions of " + topic + " again", 2, () -> owners(topic).size(),
                Duration.ofSeconds(90));
        int share = owners(topic).get("clickhouse-sink-1");

        AtomicInteger mostHeldBySurvivor = new AtomicInteger();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    mostHeldBySurvivor.accumulateAndGet(owners(topic).getOrDefault("clickhouse-sink-1", 0), Math::max);
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a describe that failed under load: the next one counts
                }
            }
        }, "owner-watcher");
        watcher.start();
        // Changes to every partition while instance 2 is away and after: its partitions' commits must move again.
        AtomicInteger updates = new AtomicInteger();
        Thread updater = new Thread(() -> {
            try {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    stack.mysql().execute("UPDATE " + TABLE + " SET v = v + 1 WHERE id % 20 = " + (i % 20));
                    updates.incrementAndGet();
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "updater");
        updater.start();
        List<TopicPartition> itsPartitions = partitionsOf("clickhouse-sink-2", topic);
        assertTrue(!itsPartitions.isEmpty(), "instance 2 owns partitions of " + topic + " before the kill");
        Platform.run(longSession, "services.sh", "kill", "clickhouse-sink-2");
        long killed = System.nanoTime();
        Map<TopicPartition, Long> atKill = committed(itsPartitions);
        Platform.run(longSession, "services.sh", "up");
        long live = System.nanoTime();
        Await.equal("the restarted static member commits on its partitions " + itsPartitions + " again", true, () -> {
            Map<TopicPartition, Long> now = committed(itsPartitions);
            return itsPartitions.stream().allMatch(p -> now.getOrDefault(p, -1L) > atKill.getOrDefault(p, -1L));
        }, Duration.ofSeconds(150));
        long owned = System.nanoTime();
        updater.interrupt();
        updater.join();
        watcher.interrupt();
        watcher.join();
        System.out.printf("SinkInstancesIT: static member restarted within its %s session: live %.1f s after the"
                + " SIGKILL, committed on its partitions again %.1f s after that (%.1f s after the SIGKILL); the other"
                + " instance held at most %d partitions (its share: %d); %d updates meanwhile%n", LONG_SESSION,
                (live - killed) / 1e9, (owned - live) / 1e9, (owned - killed) / 1e9, mostHeldBySurvivor.get(), share,
                updates.get());
        assertEquals(share, mostHeldBySurvivor.get(), "the surviving instance never got the restarted one's"
                + " partitions: the group kept them for the static member instead of rebalancing them away");
        assertTrue(owned - killed < Duration.ofSeconds(150).toNanos(), "back before the old session could expire: a new"
                + " member would have waited for it");
    }

    /** The partitions of {@code topic} the member with static id {@code instance} owns. */
    private static List<TopicPartition> partitionsOf(String instance, String topic) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        return group.members().stream().filter(m -> m.groupInstanceId().orElse("").equals(instance))
                .flatMap(m -> m.assignment().topicPartitions().stream()).filter(p -> p.topic().equals(topic)).toList();
    }

    /** The group's committed offsets of {@code partitions}. */
    private static Map<TopicPartition, Long> committed(List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().forEach((p, o) -> {
            if (o != null && partitions.contains(p)) {
                offsets.put(p, o.offset());
            }
        });
        return offsets;
    }

    /** Members of the sink's group that own partitions of {@code topic}, with how many each owns. */
    private static Map<String, Integer> owners(String topic) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        Map<String, Integer> owners = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            int owned = 0;
            for (TopicPartition partition : member.assignment().topicPartitions()) {
                if (partition.topic().equals(topic)) {
                    owned++;
                }
            }
            if (owned > 0) {
                owners.put(member.groupInstanceId().orElse(member.consumerId()), owned);
            }
        }
        return owners;
    }
}
