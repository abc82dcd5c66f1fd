package org.streamingetl.enricher;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.ControlCodec;
import org.streamingetl.common.kafka.ControlReader;
import org.streamingetl.common.kafka.KafkaTopics;
import org.streamingetl.common.retry.Retry;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.enricher.config.EnricherConfig;
import org.streamingetl.enricher.control.PipelineView;

/** Start-up of enricher-gateway: follows the control topic (its enrichment engines come in a later stage). */
@ApplicationScoped
public class EnricherService {

    private static final Logger LOG = Logger.getLogger(EnricherService.class);
    static final String SERVICE = "enricher-gateway";

    @Inject
    EnricherConfig config;
    @Inject
    PipelineView view;

    private volatile ControlReader reader;
    private volatile String problem = "starting";
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        Thread starter = new Thread(this::start, "enricher-starter");
        starter.setDaemon(true);
        starter.start();
    }

    private void start() {
        Topics topics = new Topics(config.topicPrefix());
        Map<String, Object> kafka = new HashMap<>();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        kafka.put(CommonClientConfigs.CLIENT_ID_CONFIG, SERVICE);
        if (!new Retry(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> stopping).untilSuccess(
                "creating control topic " + topics.control() + " in Kafka at " + config.kafkaBootstrapServers(),
                () -> KafkaTopics.ensureExists(kafka, topics.control(), (short) 1), (message, e) -> problem = message)) {
            return;
        }
        reader = new ControlReader(kafka, topics.control(), new ControlCodec(SERVICE), view, "enricher-control-reader");
        reader.start();
        problem = null;
        LOG.infof("Following control topic %s", topics.control());
    }

    /** Null when the gateway follows the control topic and has read what was there at start, else why not. */
    public String problem() {
        if (problem != null) {
            return problem;
        }
        return reader.isCaughtUp() ? null : "reading the control topic";
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (reader != null) {
            try {
                reader.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
