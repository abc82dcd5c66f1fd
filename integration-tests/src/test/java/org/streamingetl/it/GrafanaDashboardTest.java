package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard's JSON is one Grafana loads (unique panel ids, panels inside the 24-column grid and not on
 * top of each other, every query on the dashboard's data source variable, balanced PromQL, every variable defined),
 * and the metric names are read out of PromQL right. GrafanaDashboardIT checks the names against the services.
 */
class GrafanaDashboardTest {

    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range");

    @Test
    void theDashboardIsValid() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        JsonNode json = dashboard.json;
        assertEquals("streaming-etl-pipeline", json.path("uid").asText());
        assertFalse(json.path("title").asText().isBlank());
        assertTrue(json.path("schemaVersion").isInt());

        Set<String> variables = new HashSet<>(GRAFANA_VARIABLES);
        json.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertTrue(variables.contains("datasource"), "a data source variable");

        Set<Integer> ids = new HashSet<>();
        json.path("panels").forEach(p -> assertTrue(ids.add(p.path("id").asInt()), "panel id " + p.path("id") + " twice"));
        List<JsonNode> all = new java.util.ArrayList<>();
        json.path("panels").forEach(all::add);
        for (JsonNode p : all) {
            JsonNode g = p.path("gridPos");
            assertTrue(g.path("w").asInt() > 0 && g.path("h").asInt() > 0 && g.path("x").asInt() >= 0
                    && g.path("x").asInt() + g.path("w").asInt() <= 24, p.path("title") + ": outside the grid " + g);
            for (JsonNode q : all) {
                if (p != q) {
                    assertFalse(overlap(g, q.path("gridPos")), p.path("title") + " overlaps " + q.path("title"));
                }
            }
        }
        for (JsonNode panel : dashboard.panels()) {
            String title = panel.path("title").asText();
            assertFalse(title.isBlank(), "a panel without title: " + panel);
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title);
            assertTrue(panel.path("targets").size() > 0, title + ": no query");
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertTrue(refIds.add(target.path("refId").asText()), title + ": refId twice");
                assertTrue(balanced(expr), title + ": unbalanced " + expr);
                assertFalse(GrafanaDashboard.metricNames(expr).isEmpty(), title + ": no metric in " + expr);
                Matcher m = Pattern.compile("\\$\\{?(\\w+)").matcher(expr);
                while (m.find()) {
                    assertTrue(variables.contains(m.group(1)), title + ": undefined variable $" + m.group(1));
                }
            }
        }
    }

    @Test
    void metricNamesAreReadOutOfPromQl() {
        assertEquals(Set.of("pipeline_change_latency_seconds_bucket"), GrafanaDashboard.metricNames(
                "histogram_quantile(0.99, sum by (hop, le) (rate(pipeline_change_latency_seconds_bucket{table=~\"$table\",hop=\"a{b}\"}[$__rate_interval])))"));
        assertEquals(Set.of("sink_batch_rows_sum", "sink_batch_rows_count"), GrafanaDashboard.metricNames(
                "sum by (table) (rate(sink_batch_rows_sum[5m])) / sum without (x) (rate(sink_batch_rows_count[5m]))"));
        assertEquals(Set.of("registrar_drift_last_check_seconds"),
                GrafanaDashboard.metricNames("time() - max(registrar_drift_last_check_seconds > 0) * 1e3"));
        assertEquals(Set.of("up"), GrafanaDashboard.metricNames("up{job=~\"cdc-registrar|clickhouse-sink\"} offset 5m"));
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static boolean balanced(String expr) {
        java.util.Deque<Character> open = new java.util.ArrayDeque<>();
        boolean quoted = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' && (i == 0 || expr.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && "({[".indexOf(c) >= 0) {
                open.push(c);
            } else if (!quoted && ")}]".indexOf(c) >= 0) {
                if (open.isEmpty() || "({[".indexOf(open.pop()) != ")}]".indexOf(c)) {
                    return false;
                }
            }
        }
        return open.isEmpty() && !quoted;
    }
}
