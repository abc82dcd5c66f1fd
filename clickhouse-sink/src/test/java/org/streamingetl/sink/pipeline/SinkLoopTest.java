package org.streamingetl.sink.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The sink loop's state transitions, driven poll by poll over Kafka's MockConsumer: what it writes, what it commits,
 * where it reads again, and which partitions it pauses. The same behaviours run end to end in PipelineEndToEndIT,
 * SinkCrashIT, DeadLetterIT and TableDdlIT.
 */
class SinkLoopTest {

    private static TopicPartition p0(String topic) {
        return new TopicPartition(topic, 0);
    }

    @Test
    void rowsAreCommittedOnlyAfterTheirInsert() {
        LoopHarness h = new LoopHarness(Map.of());
        String topic = h.announce("orders");
        h.append(topic, 1, "a");
        h.append(topic, 2, "b");
        h.start(p0(topic));
        h.settle();
        assertEquals(2, h.rowsInserted("shop.orders"));
        assertEquals(2L, h.committed(topic), "the next offset after the written rows");
        assertEquals(TableState.RUNNING, h.table(topic).state());
        assertEquals(2, h.table(topic).rowsWritten());
    }

    @Test
    void aFailedInsertRewindsTheTableCommitsNothingAndWritesTheSameBatchAgain() {
        LoopHarness h = new LoopHarness(Map.of());
        String topic = h.announce("orders");
        for (int id = 1; id <= 3; id++) {
            h.append(topic, id, "v" + id);
        }
        h.start(p0(topic));
        h.failNextInserts = 1;
        h.poll(); // the table is prepared
        h.poll(); // its records are read and their batch handed to the inserter, which fails
        h.poll(); // the failure is settled
        SinkTable table = h.table(topic);
        assertEquals(List.of("RUNNING", "RETRYING"), h.states(topic).subList(0, 2));
        assertTrue(h.reported.stream().anyMatch(s -> "RETRYING".equals(s.state())
                && s.lastError().contains("did not answer")), "the reason is reported");
        assertNull(h.committed(topic), "nothing committed while the rows are not in ClickHouse");
        assertEquals(0L, h.consumer.position(p0(topic)), "reading starts again at the batch's first record");
        assertEquals(0, h.inserts.size());

        h.settle(); // the backoff (0 s here) is over: the same records are read and written again
        assertEquals(TableState.RUNNING, table.state());
        assertEquals(1, h.inserts.size());
        assertEquals(3, h.rowsInserted("shop.orders"));
        assertEquals("sink:" + topic + "-0@0..2", h.inserts.get(0).queryId(), "the same records as the failed batch");
        assertEquals(3L, h.committed(topic));
        assertTrue(h.consumer.paused().isEmpty());
    }

    @Test
    void whileRetryingTheTablesPartitionsArePaused() {
        LoopHarness h = new LoopHarness(Map.of("sink.retry.initial-backoff", "1h", "sink.retry.max-backoff", "1h"));
        String topic = h.announce("orders");
        h.append(topic, 1, "a");
        h.start(p0(topic));
        h.failNextInserts = 1;
        h.settle();
        assertEquals(TableState.RETRYING, h.table(topic).state());
        assertTrue(h.consumer.paused().contains(p0(topic)));
        assertEquals(0L, h.consumer.position(p0(topic)));
        assertNull(h.committed(topic));
        assertEquals(0, h.inserts.size());
    }

    @Test
    void aBadRecordHaltsItsTableAfterWritingTheRowsBeforeItAndResumeReadsItAgain() throws Exception {
        LoopHarness h = new LoopHarness(Map.of());
        String topic = h.announce("orders");
        String neighbour = h.announce("customers");
        h.append(topic, 1, "a");
        long bad = h.appendMalformed(topic);
        h.append(topic, 3, "c");
        h.start(p0(topic), p0(neighbour));
        h.settle();

        SinkTable table = h.table(topic);
        assertEquals(TableState.HALTED, table.state());
        assertEquals(1, h.deadLetters.size());
        assertEquals(bad, h.deadLetters.get(0).offset());
        assertEquals(1, h.rowsInserted("shop.orders"), "the row before the bad record is written");
        assertEquals(bad, h.committed(topic), "committed up to the bad record, not past it");
        assertTrue(h.consumer.paused().contains(p0(topic)));
        assertEquals(bad, table.haltedOffset());

        h.append(neighbour, 10, "x");
        h.settle();
        assertEquals(1, h.rowsInserted("shop.customers"), "the other tables keep flowing");
        assertEquals(1, h.rowsInserted("shop.orders"), "the halted table writes nothing");

        // Resumed without skipping: the bad record is read again and halts the table again.
        var again = h.loop.requestResume(topic, false);
        h.settle();
        assertTrue(again.get().contains("is read again"), again.get());
        assertEquals(TableState.HALTED, table.state());
        assertEquals(2, h.deadLetters.size());
        assertEquals(bad, h.committed(topic));

        // Resumed skipping it: the rest is written and committed.
        var skipped = h.loop.requestResume(topic, true);
        h.settle();
        assertTrue(skipped.get().contains("skipping record " + topic + "-0@" + bad), skipped.get());
        assertEquals(TableState.RUNNING, table.state());
        assertEquals(2, h.rowsInserted("shop.orders"));
        assertEquals(bad + 2, h.committed(topic));
        assertTrue(h.consumer.paused().isEmpty());
    }

    @Test
    void onlyAHaltedTableCanBeResumed() {
        LoopHarness h = new LoopHarness(Map.of());
        String topic = h.announce("orders");
        h.append(topic, 1, "a");
        h.start(p0(topic));
        h.settle();
        var running = h.loop.requestResume(topic, false);
        var unknown = h.loop.requestResume("etl.no.such", false);
        h.poll();
        assertTrue(assertThrows(ExecutionException.class, running::get).getCause() instanceof IllegalStateException);
        assertTrue(assertThrows(ExecutionException.class, unknown::get).getCause()
                instanceof java.util.NoSuchElementException);
    }

    @Test
    void inSkipModeABadRecordGoesToTheDeadLetterTopicAndTheTableGoesOn() {
        LoopHarness h = new LoopHarness(Map.of("sink.errors.mode", "skip"));
        String topic = h.announce("orders");
        h.append(topic, 1, "a");
        long bad = h.appendMalformed(topic);
        h.append(topic, 3, "c");
        h.start(p0(topic));
        h.settle();
        assertEquals(TableState.RUNNING, h.table(topic).state());
        assertEquals(List.of(bad), h.deadLetters.stream().map(r -> r.offset()).toList());
        assertEquals(2, h.rowsInserted("shop.orders"));
        assertEquals(3L, h.committed(topic), "the skipped record is committed with the rows around it");
    }

    @Test
    void aTableDroppedWhileTheSinkLagsReadsItsChangesWithoutWritingThemThenDropsAndCommits() {
        LoopHarness h = new LoopHarness(Map.of());
        String topic = h.announce("orders");
        h.append(topic, 1, "a");
        h.append(topic, 2, "b");
        h.drop("orders"); // before the sink read the changes
        h.start(p0(topic));
        h.settle();
        SinkTable table = h.table(topic);
        assertEquals(TableState.DROPPED, table.state());
        assertEquals(List.of("shop.orders"), h.droppedTables);
        assertEquals(0, h.inserts.size(), "the changes made before the drop are not written");
        assertEquals(2L, h.committed(topic), "they are committed");

        // Created again in MySQL: the changes after the drop belong to the new table and are written.
        h.append(topic, 7, "new");
        h.announce("orders");
        h.settle();
        assertEquals(TableState.RUNNING, table.state());
        assertEquals(1, h.rowsInserted("shop.orders"));
        assertEquals(3L, h.committed(topic));
    }

    @Test
    void recordsOfAnUnannouncedTableWaitUnconsumedUntilTheAnnouncement() {
        LoopHarness h = new LoopHarness(Map.of());
        String known = h.announce("customers");
        String topic = LoopHarness.TOPICS.data("shop", "orders");
        h.append(topic, 1, "a");
        h.start(p0(topic), p0(known));
        h.settle();
        assertEquals(TableState.WAITING_FOR_SCHEMA, h.table(topic).state());
        assertTrue(h.consumer.paused().contains(p0(topic)));
        assertEquals(0L, h.consumer.position(p0(topic)), "the record is read again later");
        assertNull(h.committed(topic));

        h.announce("orders");
        h.settle();
        assertEquals(TableState.RUNNING, h.table(topic).state());
        assertEquals(1, h.rowsInserted("shop.orders"));
        assertEquals(1L, h.committed(topic));
    }

    @Test
    void revokedPartitionsHaveTheirBatchWrittenAndCommittedAndAssignedOnesOfAStoppedTableStayPaused() {
        LoopHarness h = new LoopHarness(Map.of("sink.batch.max-wait", "1h"));
        String orders = h.announce("orders");
        String waiting = LoopHarness.TOPICS.data("shop", "later");
        h.append(orders, 1, "a");
        h.append(waiting, 1, "a");
        h.start(p0(orders), p0(waiting));
        h.settle();
        assertEquals(0, h.inserts.size(), "the batch waits for max-wait");
        assertTrue(h.consumer.paused().contains(p0(waiting)));

        h.consumer.rebalance(List.of()); // both partitions revoked
        assertEquals(1, h.rowsInserted("shop.orders"), "the batch of a revoked partition is written");

        h.consumer.rebalance(List.of(p0(orders), p0(waiting))); // assigned again
        assertEquals(1L, h.committed(orders), "and was committed before the partition went");
        assertTrue(h.consumer.paused().contains(p0(waiting)), "a table waiting for its schema stays paused");
        assertTrue(!h.consumer.paused().contains(p0(orders)));
    }

    @Test
    void aStaticMemberAsksForOneRebalanceAfterItsFirstAssignment() {
        LoopHarness h = new LoopHarness(Map.of("sink.kafka.instance-id", "clickhouse-sink-1"));
        String topic = h.announce("orders");
        h.start(p0(topic));
        h.poll();
        assertTrue(h.consumer.shouldRebalance(), "the cached assignment of a restarted static member is not trusted");
        h.consumer.resetShouldRebalance();
        h.consumer.rebalance(List.of(p0(topic)));
        h.settle();
        assertFalse(h.consumer.shouldRebalance(), "once is enough: later assignments come from real rebalances");
    }

    @Test
    void aDynamicMemberAsksForNoExtraRebalance() {
        LoopHarness h = new LoopHarness(Map.of());
        String topic = h.announce("orders");
        h.start(p0(topic));
        h.settle();
        assertFalse(h.consumer.shouldRebalance());
    }
}
