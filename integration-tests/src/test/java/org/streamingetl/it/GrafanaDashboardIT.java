package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard (monitoring/grafana/dashboards/) queries is exported by the running services'
 * {@code /q/metrics}: a renamed metric fails here. Series that exist only once something happened are made to exist
 * first: a table's rows written (rows, bytes, batches, inserts, per-hop latency, lag) and a dead-lettered record
 * (its table halted for a moment, then resumed past it). The enrichment gauges exist where enricher-gateway runs
 * enrichments (the build's stack does); elsewhere they are left out, and said so.
 */
@Order(Integer.MAX_VALUE - 1)
class GrafanaDashboardIT {

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        Stack stack = Stack.ready();
        String name = "dashboard_probe_" + System.currentTimeMillis() % 1_000_000;
        String database = stack.endpoints().get("MYSQL_DATABASE");
        String topic = stack.endpoints().get("TOPIC_PREFIX") + "." + database + "." + name;
        Set<String> exported;
        try {
            stack.mysql().execute("CREATE TABLE " + name + " (id INT PRIMARY KEY)", "INSERT INTO " + name + " VALUES (1), (2)");
            Await.equal(name + " in ClickHouse", List.of("2"), () -> stack.clickhouse().rows(
                    "SELECT count() FROM " + database + "." + name + " FINAL WHERE _deleted = 0"), Duration.ofSeconds(90));
            PoisonRecord.send(stack, topic);
            Health.awaitReadiness(stack.endpoints().get("CLICKHOUSE_SINK_URL"), 503, "halted:" + topic, Duration.ofSeconds(60));
            exported = new TreeSet<>();
            for (String service : Stack.SERVICES) {
                exported.addAll(sampleNames(Http.get(stack.endpoints().get(service) + "/q/metrics")));
            }
        } finally {
            PoisonRecord.resume(stack, topic);
            stack.mysql().execute("DROP TABLE IF EXISTS " + name);
        }

        Set<String> queried = new TreeSet<>(GrafanaDashboard.load().metricNames());
        queried.removeAll(GrafanaDashboard.PROMETHEUS_OWN);
        String enrichments = Http.get(stack.endpoints().get("ENRICHER_GATEWAY_URL") + "/enrichments");
        if (enrichments.contains("\"enrichments\":[]")) {
            Set<String> left = queried.stream().filter(n -> n.startsWith("enricher_")).collect(Collectors.toCollection(TreeSet::new));
            System.out.println("GrafanaDashboardIT: enricher-gateway runs no enrichment here; not checked: " + left);
            queried.removeAll(left);
        }
        assertTrue(queried.size() > 15, "the dashboard's metrics: " + queried);
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "queried by the dashboard, exported by no service: " + missing
                + " (renamed? the services export: " + exported + ")");
    }

    /** The sample names of a Prometheus text exposition ({@code name{labels} value} or {@code name value}). */
    static Set<String> sampleNames(String metrics) {
        Set<String> names = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
