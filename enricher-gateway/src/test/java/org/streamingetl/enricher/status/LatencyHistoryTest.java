package org.streamingetl.enricher.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LatencyHistoryTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    private static NavigableMap<Double, Double> buckets(double... boundAndCount) {
        NavigableMap<Double, Double> b = new TreeMap<>();
        for (int i = 0; i < boundAndCount.length; i += 2) {
            b.put(boundAndCount[i], boundAndCount[i + 1]);
        }
        return b;
    }

    @Test
    void quantilesInterpolateInsideTheirBucket() {
        // 10 changes: 4 up to 0.1 s, 10 up to 1 s
        NavigableMap<Double, Double> b = buckets(0.1, 4, 1.0, 10, INF, 10);
        assertEquals(0.1 + 0.9 * (5 - 4) / 6.0, LatencyHistory.quantile(0.5, b), 1e-9);
        assertEquals(0.1 * 2 / 4.0, LatencyHistory.quantile(0.2, b), 1e-9);
        assertEquals(0.1 + 0.9 * (9.9 - 4) / 6.0, LatencyHistory.quantile(0.99, b), 1e-9);
        // beyond the largest finite bound: that bound
        assertEquals(1.0, LatencyHistory.quantile(0.99, buckets(0.1, 1, 1.0, 1, INF, 10)), 1e-9);
    }

    @Test
    void eachPointIsTheChangesBetweenTwoReadingsSummedOverSinks() {
        LatencyHistory history = new LatencyHistory(60_000);
        history.add(1_000, Map.of("s1", Map.of("hop", buckets(0.1, 100, INF, 100)),
                "s2", Map.of("hop", buckets(0.1, 0, INF, 50))));
        assertEquals(List.of(), history.points(), "the first reading is only a baseline");

        history.add(6_000, Map.of("s1", Map.of("hop", buckets(0.1, 101, INF, 102)),
                "s2", Map.of("hop", buckets(0.1, 0, INF, 52))));
        List<LatencyHistory.Point> points = history.points();
        assertEquals(1, points.size());
        assertEquals(4, points.get(0).changes(), "2 new changes in each sink");
        assertEquals(6_000, points.get(0).atMs());
        assertEquals(0.1, points.get(0).p50(), 1e-9, "rank 2 of 4: the first bucket holds 1, the last the largest bound");

        history.add(11_000, Map.of("s1", Map.of("hop", buckets(0.1, 101, INF, 102))));
        assertEquals(1, history.points().size(), "no change in between: no point");
    }

    @Test
    void aRestartedSinksCountsAreAllNew() {
        LatencyHistory history = new LatencyHistory(60_000);
        history.add(0, Map.of("s", Map.of("hop", buckets(0.1, 100, INF, 100))));
        history.add(5_000, Map.of("s", Map.of("hop", buckets(0.1, 3, INF, 3))));
        assertEquals(3, history.points().get(0).changes());
    }

    @Test
    void pointsOlderThanTheWindowAreDropped() {
        LatencyHistory history = new LatencyHistory(10_000);
        for (int i = 0; i <= 6; i++) {
            history.add(i * 5_000L, Map.of("s", Map.of("hop", buckets(0.1, i, INF, i))));
        }
        assertEquals(List.of(20_000L, 25_000L, 30_000L), history.points().stream().map(LatencyHistory.Point::atMs).toList());
    }
}
