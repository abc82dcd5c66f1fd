package org.streamingetl.sink.pipeline;

import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where the sink puts a record it cannot write ({@link DeadLetterQueue}: the topic {@code <prefix>.dlq}). */
public interface DeadLetters {

    /** The dead-letter topic's name, for log lines and operators' messages. */
    String topic();

    /**
     * Sends the record with the reason; returns once it is stored, or throws {@link IllegalStateException} when it
     * could not be (the caller retries later).
     */
    void send(ConsumerRecord<ByteBuffer, ByteBuffer> record, String table, String reason);
}
