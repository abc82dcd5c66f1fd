package org.streamingetl.sink.status;

import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.streamingetl.sink.latency.ChangeLatency;
import org.streamingetl.sink.latency.LatencySamples;

/**
 * The sink's Micrometer meters (Prometheus at {@code /q/metrics}): rows and bytes written per table, batch sizes,
 * insert latency, dead-lettered records per table, halted tables, and the per-hop latency of changes
 * ({@link ChangeLatency}).
 */
@ApplicationScoped
public class SinkMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

    private final ChangeLatency latency;

    @jakarta.inject.Inject
    public SinkMetrics(MeterRegistry registry, StatusBoard board, ChangeLatency latency) {
        this.registry = registry;
        this.latency = latency;
        Gauge.builder("sink.tables.halted", board, b -> b.halted().size())
                .description("Tables stopped on an error that needs an operator").register(registry);
    }

    public void written(String table, int rows, int bytes, Duration latency) {
        Counter.builder("sink.rows.written").tag("table", table).description("Rows inserted into ClickHouse")
                .register(registry).increment(rows);
        Counter.builder("sink.bytes.written").tag("table", table).description("RowBinary bytes inserted")
                .register(registry).increment(bytes);
        DistributionSummary.builder("sink.batch.rows").tag("table", table).description("Rows per insert")
                .register(registry).record(rows);
        Timer.builder("sink.insert.latency").tag("table", table).description("Duration of one insert")
                .publishPercentiles(0.5, 0.99).register(registry).record(latency);
    }

    /** A batch of the table is in ClickHouse since {@code ackedAtMs}: the latency of its sampled rows. */
    public void changeLatency(String table, LatencySamples samples, long ackedAtMs) {
        latency.record(table, samples, ackedAtMs);
    }

    public void deadLettered(String table) {
        Counter.builder("sink.dlq.records").tag("table", table).description("Records sent to the dead-letter topic")
                .register(registry).increment();
    }

    /** Records behind the end of one partition, as of the last poll. */
    public void lag(String topic, int partition, long lag) {
        lags.computeIfAbsent(topic + "/" + partition, k -> registry.gauge("sink.consumer.lag",
                Tags.of("topic", topic, "partition", Integer.toString(partition)), new AtomicLong())).set(lag);
    }
}
