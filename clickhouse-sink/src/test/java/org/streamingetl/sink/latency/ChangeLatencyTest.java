package org.streamingetl.sink.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChangeLatencyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChangeLatency latency = new ChangeLatency(registry);

    private double maxMs(String table, String hop) {
        return registry.get("pipeline.change.latency").tag("table", table).tag("hop", hop).timer()
                .max(TimeUnit.MILLISECONDS);
    }

    private long count(String table, String hop) {
        return registry.get("pipeline.change.latency").tag("table", table).tag("hop", hop).timer().count();
    }

    @Test
    void eachHopIsTheDifferenceOfItsTwoClocks() {
        LatencySamples samples = new LatencySamples(1);
        samples.add(1_000, 1_200);
        latency.record("shop.orders", samples, 1_500);
        assertEquals(200, maxMs("shop.orders", "source_to_kafka"));
        assertEquals(300, maxMs("shop.orders", "kafka_to_clickhouse"));
        assertEquals(500, maxMs("shop.orders", "source_to_clickhouse"));
    }

    @Test
    void aSnapshotReadCountsOnlyFromKafkaOn() {
        LatencySamples samples = new LatencySamples(1);
        samples.add(-1, 1_200);
        latency.record("shop.orders", samples, 1_500);
        assertEquals(1, count("shop.orders", "kafka_to_clickhouse"));
        assertEquals(0, count("shop.orders", "source_to_kafka"));
        assertEquals(0, count("shop.orders", "source_to_clickhouse"));
    }

    @Test
    void aNegativeDeltaIsRecordedAsZeroCountedAndShownAsSkew() {
        LatencySamples samples = new LatencySamples(1);
        long now = System.currentTimeMillis();
        samples.add(now - 100, now - 350); // the Kafka host's clock is 250 ms behind MySQL's
        latency.record("shop.orders", samples, now);
        assertEquals(0, maxMs("shop.orders", "source_to_kafka"));
        assertEquals(1.0, registry.get("pipeline.change.latency.negative").tag("table", "shop.orders")
                .tag("hop", "source_to_kafka").counter().count());
        assertEquals(0.25, registry.get("pipeline.clock.skew").tag("hop", "source_to_kafka").gauge().value());
        assertEquals(0.0, registry.get("pipeline.clock.skew").tag("hop", "kafka_to_clickhouse").gauge().value());
    }

    @Test
    void everyStrideThRowIsKeptTheFirstAlways() {
        LatencySamples samples = new LatencySamples(3);
        for (int i = 0; i < 7; i++) {
            samples.add(i, i);
        }
        assertEquals(3, samples.size());
        assertEquals(6, samples.sourceMs(2));
        samples.clear();
        samples.add(42, 43);
        assertEquals(1, samples.size());
        assertEquals(42, samples.sourceMs(0));
        assertThrows(IllegalArgumentException.class, () -> new LatencySamples(0));
    }

    @Test
    void skewOlderThanTwoWindowsIsForgotten() {
        ClockSkew skew = new ClockSkew();
        skew.behind(500, 1_000);
        assertEquals(0.5, skew.seconds(1_000));
        assertEquals(0.5, skew.seconds(70_000));
        assertEquals(0.0, skew.seconds(200_000));
    }
}
