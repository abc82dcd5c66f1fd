package org.streamingetl.enricher.status;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.streamingetl.enricher.config.EnricherConfig;

/**
 * Reads the sinks' per-hop latency histograms from their Prometheus metrics ({@code <sink>/q/metrics}, what the
 * design lets the status page read besides the control topic) every {@code enricher.status.latency-interval} into a
 * {@link LatencyHistory}. A sink that does not answer is named in {@link #problems()} and leaves a gap in the plot.
 */
@ApplicationScoped
public class LatencyFeed {

    private static final Logger LOG = Logger.getLogger(LatencyFeed.class);

    @Inject
    EnricherConfig config;

    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private volatile List<String> sinks = List.of();
    private volatile LatencyHistory history = new LatencyHistory(0);
    private HttpClient http;
    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent event) {
        sinks = SinkMetricsReader.urls(config.status().sinkUrls());
        history = new LatencyHistory(config.status().latencyWindow().toMillis());
        if (sinks.isEmpty()) {
            LOG.info("Status page: no sink URLs (enricher.status.sink-urls=none), no latency plot");
            return;
        }
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status-latency-feed");
            t.setDaemon(true);
            return t;
        });
        long every = config.status().latencyInterval().toMillis();
        timer.scheduleWithFixedDelay(this::readAll, 0, every, TimeUnit.MILLISECONDS);
        LOG.infof("Status page: reading the latency histograms of %s every %d ms", sinks, every);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** The sinks whose metrics are read. */
    public List<String> sinks() {
        return sinks;
    }

    /** The plot's points, oldest first. */
    public List<LatencyHistory.Point> points() {
        return history.points();
    }

    /** Sink URL → why its metrics could not be read at the last attempt. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    private void readAll() {
        Map<String, Map<String, NavigableMap<Double, Double>>> reading = new LinkedHashMap<>();
        for (String sink : sinks) {
            try {
                reading.put(sink, SinkMetricsReader.latencyBuckets(fetch(sink + "/q/metrics")));
                if (problems.remove(sink) != null) {
                    LOG.infof("Status page: the metrics of %s answer again", sink);
                }
            } catch (Exception e) {
                String reason = e instanceof InterruptedException ? "interrupted"
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!reason.equals(problems.put(sink, reason))) {
                    LOG.warnf("Status page: cannot read the latency of %s/q/metrics: %s", sink, reason);
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        history.add(System.currentTimeMillis(), reading);
    }

    private String fetch(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url);
        }
        return response.body();
    }
}
