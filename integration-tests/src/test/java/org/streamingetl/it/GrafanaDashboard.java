package org.streamingetl.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard of the Compose profile {@code monitoring} (monitoring/grafana/dashboards/), read as JSON, and
 * the metric names its PromQL queries use.
 */
final class GrafanaDashboard {

    static final Path FILE = Path.of("..", "monitoring", "grafana", "dashboards", "streaming-etl-pipeline.json");
    /** Series Prometheus makes itself when it scrapes (not exported by the services). */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    final JsonNode json;

    GrafanaDashboard(JsonNode json) {
        this.json = json;
    }

    static GrafanaDashboard load() throws Exception {
        return new GrafanaDashboard(new ObjectMapper().readTree(FILE.toFile()));
    }

    /** Every panel that is not a row. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** The PromQL of every panel target. */
    List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        return exprs;
    }

    /** The metric names of every query: panel targets and the template variables' queries. */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(expr -> names.addAll(metricNames(expr)));
        for (JsonNode variable : json.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                Matcher m = LABEL_VALUES.matcher(query.isObject() ? query.path("query").asText() : query.asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /**
     * The metric names of one PromQL expression: identifiers that are neither functions (followed by a parenthesis),
     * nor keywords, nor label names (inside braces or a {@code by (…)} list), nor Grafana variables.
     */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\$\\{[^}]*}|\\$\\w+", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(s);
        while (m.find()) {
            String word = m.group();
            boolean call = s.substring(m.end()).matches("(?s)\\s*\\(.*");
            boolean afterDigit = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!call && !afterDigit && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }
}
