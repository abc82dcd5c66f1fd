package org.streamingetl.enricher.engine;

import java.util.Map;
import org.streamingetl.enricher.definition.EnrichmentPlan;

/** Runs enrichments: the embedded Kafka Streams engine, or ksqlDB. */
public interface EnrichmentEngine extends AutoCloseable {

    /** {@code streams} or {@code ksqldb}, as {@code EnrichmentDeployed.engine} says. */
    String name();

    /** Runs the plan; nothing happens when the same plan already runs, a changed plan replaces the running one. */
    void deploy(EnrichmentPlan plan);

    /** Stops and removes an enrichment that is no longer defined. */
    void remove(String name);

    /** Deploys the plan again from scratch (an operator's request). */
    void redeploy(EnrichmentPlan plan);

    /** The state of each deployed enrichment. */
    Map<String, EnrichmentState> states();

    /** Null when the engine can be used, else why not. */
    String problem();

    @Override
    void close();

    /** One enrichment's state: RUNNING, STARTING, REBALANCING, FAILED...; {@code reason} when not running. */
    record EnrichmentState(String state, String reason, long lag) {
        public boolean running() {
            return "RUNNING".equals(state);
        }
    }
}
