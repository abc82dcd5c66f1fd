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
        table.flushed(1);
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
        table.flushed(0);
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
}
