package org.streamingetl.enricher.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads the sinks' per-hop latency histogram out of their Prometheus metrics text ({@code /q/metrics}): the
 * cumulative counts of {@code pipeline_change_latency_seconds_bucket{table,hop,le}}, summed over the tables. This is
 * the metric the sink exports for Prometheus and Grafana; the status page reads the same numbers.
 */
public final class SinkMetricsReader {

    /** The histogram's name as exported; a rename breaks the plot, and the tests that check this name. */
    public static final String HISTOGRAM = "pipeline_change_latency_seconds";
    private static final String BUCKET = HISTOGRAM + "_bucket{";

    private SinkMetricsReader() {
    }

    /** The sink base URLs of {@code enricher.status.sink-urls}: split on commas and spaces; {@code none}: none. */
    public static List<String> urls(String setting) {
        List<String> urls = new ArrayList<>();
        if (setting == null || setting.isBlank() || setting.trim().equalsIgnoreCase("none")) {
            return urls;
        }
        for (String url : setting.trim().split("[,\\s]+")) {
            urls.add(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
        return urls;
    }

    /**
     * Hop → upper bound ({@code le}, seconds; {@code +Inf} as {@link Double#POSITIVE_INFINITY}) → cumulative count of
     * changes, summed over the tables of one sink's metrics text.
     */
    public static Map<String, NavigableMap<Double, Double>> latencyBuckets(String metricsText) {
        Map<String, NavigableMap<Double, Double>> hops = new HashMap<>();
        for (String line : metricsText.split("\n")) {
            if (!line.startsWith(BUCKET)) {
                continue;
            }
            int close = line.lastIndexOf('}');
            if (close < 0) {
                continue;
            }
            Map<String, String> labels = labels(line.substring(BUCKET.length(), close));
            String hop = labels.get("hop");
            String le = labels.get("le");
            Double value = number(firstWord(line.substring(close + 1)));
            Double bound = le == null ? null : number(le);
            if (hop == null || bound == null || value == null) {
                continue;
            }
            hops.computeIfAbsent(hop, h -> new TreeMap<>()).merge(bound, value, Double::sum);
        }
        return hops;
    }

    /** {@code a="x",b="y\"z"} → a map; escapes {@code \\}, {@code \"}, {@code \n} as in the text format. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0 || eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
                break;
            }
            String name = text.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(name, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return labels;
    }

    private static String firstWord(String text) {
        String trimmed = text.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static Double number(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "+inf", "inf":
                return Double.POSITIVE_INFINITY;
            default:
                try {
                    return Double.valueOf(text);
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }
}
