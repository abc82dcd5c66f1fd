package org.streamingetl.sink.latency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-hop latency of changes, as the histogram {@code pipeline_change_latency_seconds{table,hop}} (p50, p90, p99
 * over the last two minutes, and cumulative buckets from 5 ms to 5 min, at {@code /q/metrics}):
 * <ul>
 * <li>{@code source_to_kafka}: the commit time in MySQL ({@code source.ts_ms}) to the Kafka record's timestamp;</li>
 * <li>{@code kafka_to_clickhouse}: the Kafka record's timestamp to ClickHouse's acknowledgement of the insert;</li>
 * <li>{@code source_to_clickhouse}: the commit time to the acknowledgement.</li>
 * </ul>
 * The three times come from three clocks (MySQL's host, the host that stamped the Kafka record, the sink's host).
 * A delta that comes out negative is a clock behind another: it is recorded as 0, counted in
 * {@code pipeline_change_latency_negative_total{table,hop}}, and its size shows in
 * {@code pipeline_clock_skew_seconds{hop}} (the largest in the last one to two minutes). Snapshot reads have no
 * commit time and count only for {@code kafka_to_clickhouse}.
 */
@ApplicationScoped
public class ChangeLatency {

    /** The hops, as the {@code hop} tag names them. */
    public enum Hop {
        SOURCE_TO_KAFKA, KAFKA_TO_CLICKHOUSE, SOURCE_TO_CLICKHOUSE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The histogram's buckets ({@code le}), for Prometheus' {@code histogram_quantile} across tables and sinks. */
    private static final Duration[] BUCKETS = java.util.stream.LongStream.of(5, 10, 25, 50, 100, 250, 500, 1_000,
            2_500, 5_000, 10_000, 30_000, 60_000, 300_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Map<String, TableMeters> tables = new ConcurrentHashMap<>();
    private final Map<Hop, ClockSkew> skews = new EnumMap<>(Hop.class);

    @Inject
    public ChangeLatency(MeterRegistry registry) {
        this.registry = registry;
        for (Hop hop : Hop.values()) {
            ClockSkew skew = new ClockSkew();
            skews.put(hop, skew);
            Gauge.builder("pipeline.clock.skew", skew, s -> s.seconds(System.currentTimeMillis()))
                    .tag("hop", hop.tag()).baseUnit("seconds")
                    .description("Largest negative latency of the hop in the last 1-2 minutes: how far the later "
                            + "host's clock is behind the earlier one's (0: no skew seen)")
                    .register(registry);
        }
    }

    /** Records a batch's samples once ClickHouse acknowledged it at {@code ackedAtMs} (the sink's clock). */
    public void record(String table, LatencySamples samples, long ackedAtMs) {
        if (samples.size() == 0) {
            return;
        }
        TableMeters meters = tables.computeIfAbsent(table, TableMeters::new);
        for (int i = 0; i < samples.size(); i++) {
            long source = samples.sourceMs(i);
            long kafka = samples.kafkaMs(i);
            if (kafka >= 0) {
                meters.record(Hop.KAFKA_TO_CLICKHOUSE, ackedAtMs - kafka, ackedAtMs);
            }
            if (source > 0) {
                meters.record(Hop.SOURCE_TO_CLICKHOUSE, ackedAtMs - source, ackedAtMs);
                if (kafka >= 0) {
                    meters.record(Hop.SOURCE_TO_KAFKA, kafka - source, ackedAtMs);
                }
            }
        }
    }

    /** One table's timers and negative-delta counters, per hop. */
    private final class TableMeters {
        private final Map<Hop, Timer> timers = new EnumMap<>(Hop.class);
        private final Map<Hop, Counter> negatives = new EnumMap<>(Hop.class);

        TableMeters(String table) {
            for (Hop hop : Hop.values()) {
                timers.put(hop, Timer.builder("pipeline.change.latency").tag("table", table).tag("hop", hop.tag())
                        .description("Latency of a change over one hop of the pipeline (sampled, see sink.latency)")
                        .publishPercentiles(0.5, 0.9, 0.99).serviceLevelObjectives(BUCKETS)
                        .distributionStatisticExpiry(Duration.ofMinutes(2))
                        .register(registry));
                negatives.put(hop, Counter.builder("pipeline.change.latency.negative").tag("table", table)
                        .tag("hop", hop.tag())
                        .description("Changes whose hop latency came out negative (clock skew), recorded as 0")
                        .register(registry));
            }
        }

        void record(Hop hop, long deltaMs, long nowMs) {
            if (deltaMs < 0) {
                negatives.get(hop).increment();
                skews.get(hop).behind(-deltaMs, nowMs);
                deltaMs = 0;
            }
            timers.get(hop).record(deltaMs, TimeUnit.MILLISECONDS);
        }
    }
}
