package org.streamingetl.enricher.status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The per-hop latency of the last minutes, for the status page's plot. Each reading of the sinks' histograms (the
 * cumulative bucket counts of {@code pipeline_change_latency_seconds}) is compared with the previous reading of the
 * same sink: the difference is the changes written in between, and its p50/p90/p99 (interpolated inside the bucket,
 * as Prometheus' {@code histogram_quantile} does) make one point per hop. No change in between: no point. A count
 * that went down is a restarted sink: its new counts are all new. Points older than the window are dropped.
 * Thread-safe.
 */
public final class LatencyHistory {

    /** One hop's latency of the changes written between two readings, at {@code atMs}; quantiles in seconds. */
    public record Point(long atMs, String hop, double p50, double p90, double p99, long changes) {
    }

    private final long windowMs;
    private final Map<String, Map<String, NavigableMap<Double, Double>>> previous = new HashMap<>();
    private final Deque<Point> points = new ArrayDeque<>();

    public LatencyHistory(long windowMs) {
        this.windowMs = windowMs;
    }

    /**
     * A reading at {@code nowMs}: sink (its URL) → hop → cumulative bucket counts. A sink missing from the reading
     * (unreachable) keeps its previous counts.
     */
    public synchronized void add(long nowMs, Map<String, Map<String, NavigableMap<Double, Double>>> reading) {
        Map<String, NavigableMap<Double, Double>> interval = new TreeMap<>();
        reading.forEach((sink, hops) -> {
            Map<String, NavigableMap<Double, Double>> before = previous.put(sink, hops);
            if (before == null) {
                return;
            }
            hops.forEach((hop, now) -> {
                NavigableMap<Double, Double> delta = difference(before.get(hop), now);
                delta.forEach((le, count) -> interval.computeIfAbsent(hop, h -> new TreeMap<>()).merge(le, count, Double::sum));
            });
        });
        interval.forEach((hop, buckets) -> {
            double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
            if (total > 0) {
                points.addLast(new Point(nowMs, hop, quantile(0.5, buckets), quantile(0.9, buckets),
                        quantile(0.99, buckets), Math.round(total)));
            }
        });
        while (!points.isEmpty() && points.peekFirst().atMs() < nowMs - windowMs) {
            points.removeFirst();
        }
    }

    /** The points of the window, oldest first. */
    public synchronized List<Point> points() {
        return new ArrayList<>(points);
    }

    /** now − before per bucket; all of now when a count went down (the sink restarted) or nothing came before. */
    static NavigableMap<Double, Double> difference(NavigableMap<Double, Double> before, NavigableMap<Double, Double> now) {
        NavigableMap<Double, Double> delta = new TreeMap<>();
        boolean reset = before == null;
        if (!reset) {
            for (Map.Entry<Double, Double> bucket : now.entrySet()) {
                double then = before.getOrDefault(bucket.getKey(), 0.0);
                if (bucket.getValue() < then) {
                    reset = true;
                    break;
                }
                delta.put(bucket.getKey(), bucket.getValue() - then);
            }
        }
        return reset ? new TreeMap<>(now) : delta;
    }

    /**
     * The {@code q} quantile of cumulative buckets (upper bound → count), interpolated linearly inside its bucket
     * (the first bucket starts at 0); in the {@code +Inf} bucket: the largest finite bound.
     */
    static double quantile(double q, NavigableMap<Double, Double> buckets) {
        double total = buckets.lastEntry().getValue();
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double upper = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank && count > below) {
                if (Double.isInfinite(upper)) {
                    return lower;
                }
                return lower + (upper - lower) * (rank - below) / (count - below);
            }
            lower = Double.isInfinite(upper) ? lower : upper;
            below = count;
        }
        return lower;
    }
}
