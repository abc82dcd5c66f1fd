package org.streamingetl.sink.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.streamingetl.sink.pipeline.SinkTableTest.column;
import static org.streamingetl.sink.pipeline.SinkTableTest.row;
import static org.streamingetl.sink.pipeline.SinkTableTest.tableOf;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.streamingetl.sink.decode.ChangeEvent;

/** Offsets to commit and the retry backoff of one table's batch. */
class SinkTableBatchTest {

    private static final TopicPartition P0 = new TopicPartition("shop.shop.orders", 0);
    private static final TopicPartition P1 = new TopicPartition("shop.shop.orders", 1);

    @Test
    void theOffsetToCommitIsTheNextOneToReadPerPartition() {
        SinkTable table = tableOf(column("id", "int", false));
        table.consumed(P0, 10);
        table.consumed(P0, 11);
        table.consumed(P1, 0);
        assertEquals(Map.of(P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(1)), table.offsetsToCommit());
    }

    @Test
    void aConsumedTombstoneAloneIsPendingToCommit() {
        SinkTable table = tableOf(column("id", "int", false));
        assertFalse(table.hasPending());
        table.consumed(P0, 3);
        assertTrue(table.hasPending());
        assertEquals(0, table.rowCount());
    }

    @Test
    void aFlushEmptiesTheBatchAndCountsItsRows() {
        SinkTable table = tableOf(column("id", "int", false));
        table.append(new ChangeEvent('c', null, row("id", 1L)), 5, 0);
        table.consumed(P0, 5);
        table.written(table.takeBatch());
        assertEquals(Map.of(), table.offsetsToCommit());
        assertEquals(0, table.rowCount());
        assertEquals(0, table.bytes());
        assertFalse(table.hasPending());
        assertEquals(1, table.rowsWritten());
    }

    @Test
    void retryBackoffDoublesUpToTheMaximum() {
        SinkTable table = tableOf(column("id", "int", false));
        Duration initial = Duration.ofMillis(500);
        Duration max = Duration.ofMillis(3000);
        table.retryLater("ClickHouse down", initial, max);
        assertEquals(initial, table.backoff());
        assertEquals(TableState.RETRYING, table.state());
        assertEquals("ClickHouse down", table.reason());
        table.retryLater("ClickHouse down", initial, max);
        assertEquals(Duration.ofMillis(1000), table.backoff());
        table.retryLater("ClickHouse down", initial, max);
        assertEquals(Duration.ofMillis(2000), table.backoff());
        table.retryLater("ClickHouse down", initial, max);
        assertEquals(max, table.backoff());
        table.retryLater("ClickHouse down", initial, max);
        assertEquals(max, table.backoff());
    }

    @Test
    void aSuccessfulFlushResetsTheBackoff() {
        SinkTable table = tableOf(column("id", "int", false));
        table.retryLater("down", Duration.ofMillis(500), Duration.ofSeconds(30));
        table.retryLater("down", Duration.ofMillis(500), Duration.ofSeconds(30));
        table.written(table.takeBatch());
        assertEquals(Duration.ZERO, table.backoff());
        table.retryLater("down", Duration.ofMillis(500), Duration.ofSeconds(30));
        assertEquals(Duration.ofMillis(500), table.backoff());
    }

    @Test
    void aRetryIsNotDueBeforeItsBackoffHasPassed() {
        SinkTable table = tableOf(column("id", "int", false));
        table.retryLater("down", Duration.ofHours(1), Duration.ofHours(1));
        assertFalse(table.retryDue());
        SinkTable soon = tableOf(column("id", "int", false));
        soon.retryLater("down", Duration.ZERO, Duration.ZERO);
        assertTrue(soon.retryDue());
    }

    @Test
    void aFailedInsertRewindsToItsFirstRecordsAndDropsWhatWasReadSince() {
        SinkTable table = tableOf(column("id", "int", false));
        TopicPartition p1 = new TopicPartition(P0.topic(), 1);
        table.append(new ChangeEvent('c', null, row("id", 1L)), 10, 0);
        table.consumed(P0, 10);
        table.consumed(P0, 11);
        Batch inFlight = table.takeBatch();
        assertEquals(0, table.rowCount(), "the table fills a new batch while the taken one is written");
        table.append(new ChangeEvent('c', null, row("id", 2L)), 12, 0);
        table.consumed(P0, 12);
        table.consumed(p1, 3);

        assertEquals(Map.of(P0, 10L, p1, 3L), table.rewind(inFlight), "each partition's first record not in ClickHouse");
        assertEquals(0, table.rowCount());
        assertEquals(Map.of(), table.offsetsToCommit(), "nothing of either batch is committed");
        assertEquals(10L, table.rewoundTo(P0));
        table.polled();
        assertEquals(null, table.rewoundTo(P0), "after the next poll, seeks are the loop's own again");
    }

    @Test
    void aWrittenBatchCountsItsRowsAndItsBufferServesTheNextButOne() {
        SinkTable table = tableOf(column("id", "int", false));
        table.append(new ChangeEvent('c', null, row("id", 1L)), 1, 0);
        table.consumed(P0, 1);
        Batch first = table.takeBatch();
        table.written(first);
        assertEquals(1, table.rowsWritten());
        assertEquals(0, first.rowCount());
        table.takeBatch();
        table.append(new ChangeEvent('c', null, row("id", 2L)), 2, 0);
        assertEquals(first.rows(), table.rows(), "the emptied buffer is reused");
    }
}
