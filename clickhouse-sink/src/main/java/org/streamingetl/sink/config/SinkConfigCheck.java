package org.streamingetl.sink.config;

import java.util.List;
import org.streamingetl.common.config.ConfigCheck;

/**
 * Every rule {@link SinkConfig} must meet, checked at start-up before the sink connects to anything (README,
 * "Configuration"): ranges, durations, URLs, the table selection's regular expressions, and rules between properties.
 */
public final class SinkConfigCheck {

    private SinkConfigCheck() {
    }

    /** The problems of {@code config}, one line each naming the property, its value and what is allowed. */
    public static List<String> problems(SinkConfig config) {
        ConfigCheck check = new ConfigCheck()
                .topicName("sink.topic-prefix", config.topicPrefix())
                .atLeast("sink.max-row-bytes", config.maxRowBytes(), 1)
                .notBlank("sink.clickhouse.user", config.clickhouse().user())
                .positive("sink.clickhouse.connect-timeout", config.clickhouse().connectTimeout())
                .positive("sink.clickhouse.socket-timeout", config.clickhouse().socketTimeout())
                .positive("sink.clickhouse.cluster-ddl-timeout", config.clickhouse().clusterDdlTimeout())
                .hostPorts("sink.kafka.bootstrap-servers", config.kafka().bootstrapServers())
                .notBlank("sink.kafka.group-id", config.kafka().groupId())
                .atLeast("sink.kafka.max-poll-records", config.kafka().maxPollRecords(), 1)
                .atLeast("sink.kafka.max-partition-fetch-bytes", config.kafka().maxPartitionFetchBytes(), 1)
                .atLeast("sink.kafka.fetch-max-bytes", config.kafka().fetchMaxBytes(), 1)
                .positive("sink.kafka.topic-discovery-interval", config.kafka().topicDiscoveryInterval())
                .regexes("sink.tables.include", config.tables().include())
                .regexes("sink.tables.exclude", config.tables().exclude())
                .atLeast("sink.batch.max-rows", config.batch().maxRows(), 1)
                .between("sink.batch.max-bytes", config.batch().maxBytes(), 1, Integer.MAX_VALUE - 8)
                .notNegative("sink.batch.max-wait", config.batch().maxWait())
                .notNegative("sink.errors.schema-wait", config.errors().schemaWait())
                .notNegative("sink.retry.initial-backoff", config.retry().initialBackoff())
                .notNegative("sink.retry.max-backoff", config.retry().maxBackoff())
                .positive("sink.audit.interval", config.audit().interval())
                .notNegative("sink.audit.grace", config.audit().grace());
        check.rule(config.clickhouse().clusterDdlTimeout().compareTo(config.clickhouse().socketTimeout()) < 0,
                "sink.clickhouse.cluster-ddl-timeout=" + config.clickhouse().clusterDdlTimeout() + ": must be shorter than "
                        + "sink.clickhouse.socket-timeout=" + config.clickhouse().socketTimeout()
                        + " (the request would time out first and go to another replica)");
        check.rule(!config.clickhouse().urls().isEmpty(), "sink.clickhouse.url='" + config.clickhouse().url()
                + "': must name at least one http(s) URL (several: comma-separated)");
        config.clickhouse().urls().forEach(url -> check.httpUrl("sink.clickhouse.url", url));
        config.clickhouse().cluster().ifPresent(cluster -> check.rule(cluster.matches("[A-Za-z0-9_.-]+"),
                "sink.clickhouse.cluster=" + cluster + ": must be a cluster name of the servers' remote_servers "
                        + "(letters, digits, '_', '.', '-')"));
        config.clickhouse().databaseMap().forEach((source, target) ->
                check.notBlank("sink.clickhouse.database-map." + source, target));
        for (int i = 0; i < config.tableOptions().size(); i++) {
            tableOption(check, i, config.tableOptions().get(i));
        }
        check.rule(config.kafka().fetchMaxBytes() >= config.kafka().maxPartitionFetchBytes(),
                        "sink.kafka.fetch-max-bytes=" + config.kafka().fetchMaxBytes() + ": must be at least "
                                + "sink.kafka.max-partition-fetch-bytes=" + config.kafka().maxPartitionFetchBytes()
                                + " (one request fetches over all partitions)")
                .rule(config.retry().maxBackoff().compareTo(config.retry().initialBackoff()) >= 0,
                        "sink.retry.max-backoff=" + config.retry().maxBackoff() + ": must be at least "
                                + "sink.retry.initial-backoff=" + config.retry().initialBackoff());
        return check.problems();
    }

    /** One entry of {@code sink.table-options}: a valid regular expression, and no blank name or expression. */
    private static void tableOption(ConfigCheck check, int index, TableOptionSettings option) {
        String property = "sink.table-options[" + index + "].";
        check.notBlank(property + "match", option.match());
        if (!option.match().isBlank()) {
            check.regex(property + "match", option.match().trim());
        }
        option.orderBy().ifPresent(columns -> columns.forEach(c -> check.notBlank(property + "order-by", c)));
        option.excludeColumns().ifPresent(columns ->
                columns.forEach(c -> check.notBlank(property + "exclude-columns", c)));
        option.partitionBy().ifPresent(expression -> check.notBlank(property + "partition-by", expression));
        TableOptions options = TableOptions.of(index, option);
        for (String column : options.orderBy()) {
            check.rule(!options.excluded(column), property + "exclude-columns=" + String.join(",",
                    options.excludeColumns()) + ": column " + column + " is in " + property + "order-by and cannot"
                    + " be excluded");
        }
        check.rule(option.orderBy().isPresent() || option.partitionBy().isPresent()
                        || option.excludeColumns().isPresent(),
                property + "match=" + option.match() + ": the entry sets no option; set " + property + "order-by, "
                        + property + "partition-by or " + property + "exclude-columns, or remove the entry");
    }
}
