package org.streamingetl.registrar.config;

import java.util.List;
import java.util.Optional;
import org.streamingetl.common.config.ConfigCheck;

/**
 * Every rule {@link RegistrarConfig} must meet, checked at start-up before cdc-registrar connects to anything (README,
 * "Configuration"): ranges, durations, URLs, the connector's table lists (regular expressions, as Debezium reads
 * them) and its flavor.
 */
public final class RegistrarConfigCheck {

    private RegistrarConfigCheck() {
    }

    /** The problems of {@code config}, one line each naming the property, its value and what is allowed. */
    public static List<String> problems(RegistrarConfig config) {
        RegistrarConfig.Connector connector = config.connector();
        RegistrarConfig.Source source = config.source();
        ConfigCheck check = new ConfigCheck()
                .topicName("registrar.topic-prefix", config.topicPrefix())
                .hostPorts("registrar.kafka-bootstrap-servers", config.kafkaBootstrapServers())
                .httpUrl("registrar.connect.url", config.connect().url())
                .positive("registrar.connect.request-timeout", config.connect().requestTimeout())
                .atLeast("registrar.connect.attempts", config.connect().attempts(), 1)
                .notNegative("registrar.connect.initial-backoff", config.connect().initialBackoff())
                .notBlank("registrar.connector.name", connector.name())
                .oneOf("registrar.connector.flavor", connector.flavor(), "auto", "mysql", "mariadb")
                .between("registrar.connector.server-id", connector.serverId(), 1, 4294967295L)
                .notBlank("registrar.connector.snapshot-mode", connector.snapshotMode())
                .atLeast("registrar.connector.max-row-bytes", connector.maxRowBytes(), 1)
                .positive("registrar.connector.supervise-interval", connector.superviseInterval())
                .positive("registrar.connector.start-timeout", connector.startTimeout())
                .notNegative("registrar.connector.resync-settle", connector.resyncSettle())
                .notBlank("registrar.source.host", source.host())
                .between("registrar.source.port", source.port(), 1, 65535)
                .notBlank("registrar.source.user", source.user());
        regexList(check, "registrar.connector.table-include-list", connector.tableIncludeList());
        regexList(check, "registrar.connector.table-exclude-list", connector.tableExcludeList());
        check.rule(!source.databases().isEmpty() && source.databases().stream().noneMatch(String::isBlank),
                "registrar.source.databases=" + source.databases() + ": must name at least one database, none empty");
        return check.problems();
    }

    /** Debezium's table lists: comma-separated regular expressions. */
    private static void regexList(ConfigCheck check, String property, Optional<String> list) {
        list.ifPresent(value -> {
            for (String regex : value.split(",")) {
                check.regex(property, regex.trim());
            }
        });
    }
}
