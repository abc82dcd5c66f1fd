package org.streamingetl.enricher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of enricher-gateway. Every property can be set in application.properties or as an environment
 * variable ({@code enricher.topic-prefix} → {@code ENRICHER_TOPIC_PREFIX}).
 */
@ConfigMapping(prefix = "enricher")
public interface EnricherConfig {

    /** Debezium's topic prefix; the control topic is {@code <prefix>.control}. */
    @WithDefault("streaming_etl")
    String topicPrefix();

    /** Kafka bootstrap servers. */
    @WithDefault("127.0.0.1:9092")
    String kafkaBootstrapServers();
}
