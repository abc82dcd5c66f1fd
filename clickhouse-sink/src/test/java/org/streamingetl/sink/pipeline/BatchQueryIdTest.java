package org.streamingetl.sink.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.streamingetl.sink.encode.RowBinaryOutput;

class BatchQueryIdTest {

    @Test
    void namesTheRecordsOfEveryPartitionInOrder() {
        Batch batch = new Batch(new RowBinaryOutput(0));
        batch.covers(new TopicPartition("p.shop.items", 1), 40);
        batch.covers(new TopicPartition("p.shop.items", 0), 7);
        batch.covers(new TopicPartition("p.shop.items", 1), 41);
        batch.covers(new TopicPartition("p.shop.items", 0), 9);
        assertEquals("sink:p.shop.items-0@7..9:p.shop.items-1@40..41", batch.queryId());
    }

    @Test
    void theSameRecordsReadAgainGetTheSameId() {
        Batch first = new Batch(new RowBinaryOutput(0));
        Batch again = new Batch(new RowBinaryOutput(0));
        for (Batch b : new Batch[] {first, again}) {
            b.covers(new TopicPartition("t", 0), 100);
            b.covers(new TopicPartition("t", 0), 150);
        }
        assertEquals(first.queryId(), again.queryId());
        assertEquals("sink:t-0@100..150", first.queryId());
    }
}
