package org.streamingetl.enricher.config;

import java.util.List;
import org.streamingetl.common.config.ConfigCheck;

/**
 * Every rule {@link EnricherConfig} must meet, checked at start-up before enricher-gateway connects to anything
 * (README, "Configuration"): the engine, durations, URLs, and that the ksqlDB engine has its URL.
 */
public final class EnricherConfigCheck {

    private EnricherConfigCheck() {
    }

    /** The problems of {@code config}, one line each naming the property, its value and what is allowed. */
    public static List<String> problems(EnricherConfig config) {
        ConfigCheck check = new ConfigCheck()
                .topicName("enricher.topic-prefix", config.topicPrefix())
                .hostPorts("enricher.kafka-bootstrap-servers", config.kafkaBootstrapServers())
                .oneOf("enricher.engine", config.engine(), "auto", "streams", "ksqldb")
                .positive("enricher.reconcile-interval", config.reconcileInterval())
                .atLeast("enricher.max-row-bytes", config.maxRowBytes(), 1)
                .notBlank("enricher.streams.state-dir", config.streams().stateDir())
                .positive("enricher.ksqldb.command-timeout", config.ksqldb().commandTimeout())
                .positive("enricher.status.latency-interval", config.status().latencyInterval())
                .positive("enricher.status.latency-window", config.status().latencyWindow())
                .positive("enricher.status.page-refresh", config.status().pageRefresh())
                .oneOf("enricher.format", config.format(), "json", "avro")
                .positive("enricher.schema-registry-patience", config.schemaRegistryPatience());
        config.schemaRegistryUrl().filter(url -> !url.isBlank())
                .ifPresent(url -> check.httpUrl("enricher.schema-registry-url", url));
        check.rule(!"avro".equals(config.format()) || config.schemaRegistryUrl().filter(u -> !u.isBlank()).isPresent(),
                "enricher.format=avro: needs enricher.schema-registry-url (SCHEMA_REGISTRY_URL), the registry's "
                        + "Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7");
        for (String url : org.streamingetl.enricher.status.SinkMetricsReader.urls(config.status().sinkUrls())) {
            check.httpUrl("enricher.status.sink-urls", url);
        }
        config.definitionsFile().ifPresent(file -> check.notBlank("enricher.definitions-file", file));
        config.ksqldb().url().ifPresent(url -> check.httpUrl("enricher.ksqldb.url", url));
        check.rule(!"ksqldb".equalsIgnoreCase(config.engine()) || config.ksqldb().url().isPresent(),
                "enricher.engine=ksqldb: needs enricher.ksqldb.url (KSQLDB_URL), e.g. http://127.0.0.1:8088");
        return check.problems();
    }
}
