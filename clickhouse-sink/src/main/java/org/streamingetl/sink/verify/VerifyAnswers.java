package org.streamingetl.sink.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.streamingetl.common.verify.ChunkVerified;

/** Sends the sink's answers to the drift check's markers to {@code <prefix>.verify}. */
public final class VerifyAnswers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VerifyAnswers.class);

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final ObjectMapper json = new ObjectMapper();

    public VerifyAnswers(String bootstrapServers, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "clickhouse-sink-verify");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.topic = topic;
    }

    public void send(ChunkVerified answer) {
        try {
            producer.send(new ProducerRecord<>(topic, answer.checkId() + "/" + answer.table(),
                    json.writeValueAsString(answer)));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Answer to chunk %d of %s (check %s) not sent: %s", answer.chunk(), answer.table(),
                    answer.checkId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
