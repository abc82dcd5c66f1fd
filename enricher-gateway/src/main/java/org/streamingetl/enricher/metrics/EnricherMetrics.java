package org.streamingetl.enricher.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.streamingetl.enricher.engine.Reconciler;

/**
 * Per-enrichment meters (Prometheus at {@code /q/metrics}): {@code enricher_enrichment_running} (1 when RUNNING),
 * {@code enricher_enrichment_lag} (input records not processed yet; -1 when unknown).
 */
@ApplicationScoped
public class EnricherMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();

    /** Called after each reconcile round with every enrichment's status. */
    public void update(Collection<Reconciler.Status> statuses) {
        for (Reconciler.Status status : statuses) {
            gauge(running, "enricher.enrichment.running", status.name()).set("RUNNING".equals(status.state()) ? 1 : 0);
            gauge(lag, "enricher.enrichment.lag", status.name()).set(status.lag());
        }
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String meter, String name) {
        return gauges.computeIfAbsent(name, n -> registry.gauge(meter, Tags.of("enrichment", n), new AtomicLong()));
    }
}
