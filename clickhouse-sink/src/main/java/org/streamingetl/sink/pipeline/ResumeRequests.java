package org.streamingetl.sink.pipeline;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Operators' requests to resume a halted table ({@code POST /sink/tables/{topic}/resume}): queued by the HTTP
 * thread, answered by the sink loop's thread, which alone may touch the tables and the Kafka consumer.
 */
final class ResumeRequests {

    private static final Logger LOG = Logger.getLogger(ResumeRequests.class);

    private record Request(String topic, boolean skip, CompletableFuture<String> answer) {
    }

    private final Queue<Request> queue = new ConcurrentLinkedQueue<>();

    CompletableFuture<String> add(String topic, boolean skip) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        queue.add(new Request(topic, skip, answer));
        return answer;
    }

    /** Answers the queued requests: a halted table runs again, from the record it stopped at or the one after. */
    void answer(Map<String, SinkTable> tables, TableControl control, String deadLetterTopic) {
        Request request;
        while ((request = queue.poll()) != null) {
            SinkTable table = tables.get(request.topic());
            if (table == null) {
                request.answer().completeExceptionally(new NoSuchElementException(
                        "the sink has no table for topic " + request.topic()));
                continue;
            }
            if (table.state() != TableState.HALTED) {
                request.answer().completeExceptionally(new IllegalStateException("table of topic " + request.topic()
                        + " is " + table.state() + ", not HALTED"));
                continue;
            }
            TopicPartition partition = table.haltedPartition();
            long offset = table.haltedOffset();
            String what;
            if (request.skip() && partition != null) {
                table.consumed(partition, offset);
                control.seek(Map.of(partition, offset + 1));
                what = "resumed after skipping record " + partition + "@" + offset + " (it is in " + deadLetterTopic + ")";
            } else {
                what = partition == null ? "resumed; its structure is prepared again"
                        : "resumed; record " + partition + "@" + offset + " is read again";
            }
            table.run();
            control.resume(table);
            LOG.infof("Operator request: table of topic %s %s", table.topic, what);
            control.publish(table);
            request.answer().complete(what);
        }
    }
}
