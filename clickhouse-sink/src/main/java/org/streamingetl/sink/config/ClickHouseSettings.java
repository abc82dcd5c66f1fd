package org.streamingetl.sink.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code sink.clickhouse.*}: the ClickHouse server or cluster the sink writes to (part of {@link SinkConfig}). */
public interface ClickHouseSettings {
    /**
     * HTTP URL of ClickHouse, e.g. {@code http://127.0.0.1:8123}; or the URLs of a cluster's replicas,
     * comma-separated: the sink talks to the first that answers and moves to the next when it stops answering
     * (README, "ClickHouse cluster").
     */
    @WithDefault("http://127.0.0.1:8123")
    String url();

    /** {@link #url()} as a list: each comma-separated URL, trimmed. */
    default java.util.List<String> urls() {
        return java.util.Arrays.stream(url().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The ClickHouse cluster the URLs belong to (its name in the servers' {@code remote_servers}). Set: tables are
     * {@code ReplicatedReplacingMergeTree} and every DDL runs {@code ON CLUSTER} it (the servers need ZooKeeper and
     * the {@code {shard}}/{@code {replica}} macros). Unset (default): plain {@code ReplacingMergeTree}, DDL on the
     * server written to.
     */
    Optional<String> cluster();

    /**
     * On a cluster: how long an ON CLUSTER statement waits until every replica ran it (ClickHouse's
     * {@code distributed_ddl_task_timeout}, 180 s by default). A statement that took effect on the replica the sink
     * talks to counts as done after this time; a replica that is down runs it from the DDL queue when it is back.
     */
    @WithDefault("10s")
    Duration clusterDdlTimeout();

    /** ClickHouse user. */
    @WithDefault("default")
    String user();

    /** ClickHouse password (never logged). */
    Optional<String> password();

    /** Source database → ClickHouse database, e.g. {@code sink.clickhouse.database-map.shop=analytics}. Unmapped databases keep their name. */
    Map<String, String> databaseMap();

    /** Connect timeout of each request. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Socket (read) timeout of each request. */
    @WithDefault("60s")
    Duration socketTimeout();
}
