package org.streamingetl.enricher.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.EnrichmentDeployed;
import org.streamingetl.common.control.EventType;
import org.streamingetl.common.kafka.ControlPublisher;
import org.streamingetl.enricher.definition.DefinitionException;
import org.streamingetl.enricher.definition.DefinitionFile;
import org.streamingetl.enricher.definition.DefinitionValidator;
import org.streamingetl.enricher.definition.EnrichmentDefinition;
import org.streamingetl.enricher.definition.EnrichmentPlan;
import org.streamingetl.enricher.definition.UnknownTableException;

/**
 * Brings the engine in line with the definition file and the announced tables, one round at a time: a valid
 * enrichment is deployed (or left alone when unchanged), an invalid one is reported with its reason and does not
 * stop the others, a removed one is stopped; each state change is announced as {@code EnrichmentDeployed}.
 */
public final class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /** What the gateway knows of one enrichment, for the API and health. */
    public record Status(String name, String engine, String state, String reason, List<String> inputTopics,
                         String outputTopic, long lag) {
    }

    private final EnrichmentEngine engine;
    private final DefinitionValidator validator;
    private final ControlPublisher publisher;
    private final Map<String, EnrichmentPlan> deployed = new HashMap<>();
    private final Map<String, EnrichmentDeployed> announced = new HashMap<>();
    private final Map<String, String> reportedErrors = new HashMap<>();
    private volatile Map<String, Status> statuses = Map.of();
    private volatile List<String> fileErrors = List.of();

    public Reconciler(EnrichmentEngine engine, DefinitionValidator validator, ControlPublisher publisher) {
        this.engine = engine;
        this.validator = validator;
        this.publisher = publisher;
    }

    public synchronized void reconcile(DefinitionFile.Result file) {
        fileErrors = file.errors();
        file.errors().forEach(this::reportOnce);
        Map<String, Status> next = new LinkedHashMap<>();
        Map<String, EnrichmentEngine.EnrichmentState> states = engine.states();
        List<String> defined = new ArrayList<>();
        for (EnrichmentDefinition definition : file.enrichments()) {
            defined.add(definition.name());
            EnrichmentPlan plan;
            try {
                plan = validator.validate(definition);
            } catch (UnknownTableException e) {
                reportOnce(e.getMessage());
                next.put(definition.name(), new Status(definition.name(), engine.name(), "WAITING", e.getMessage(),
                        List.of(), null, 0));
                continue;
            } catch (DefinitionException e) {
                reportOnce(e.getMessage());
                next.put(definition.name(), new Status(definition.name(), engine.name(), "INVALID", e.getMessage(),
                        List.of(), null, 0));
                continue;
            }
            try {
                engine.deploy(plan);
                deployed.put(plan.name(), plan);
            } catch (RuntimeException e) {
                reportOnce("enrichment '" + plan.name() + "' cannot be deployed on " + engine.name() + ": " + e.getMessage());
                next.put(plan.name(), new Status(plan.name(), engine.name(), "FAILED", e.getMessage(),
                        plan.inputTopics(), plan.outputTopic(), 0));
                continue;
            }
            EnrichmentEngine.EnrichmentState state = states.getOrDefault(plan.name(),
                    new EnrichmentEngine.EnrichmentState("STARTING", "being deployed", 0));
            next.put(plan.name(), new Status(plan.name(), engine.name(), state.state(), state.reason(),
                    plan.inputTopics(), plan.outputTopic(), state.lag()));
            announce(plan, state.state());
        }
        for (String name : new ArrayList<>(deployed.keySet())) {
            if (!defined.contains(name)) {
                engine.remove(name);
                deployed.remove(name);
                announced.remove(name);
                publisher.remove(EventType.EnrichmentDeployed, name);
                LOG.infof("Enrichment %s is no longer defined: removed", name);
            }
        }
        statuses = next;
    }

    /** Deploys one enrichment again from scratch; false when it is not deployed. */
    public synchronized boolean redeploy(String name) {
        EnrichmentPlan plan = deployed.get(name);
        if (plan == null) {
            return false;
        }
        engine.redeploy(plan);
        LOG.infof("Enrichment %s redeployed on request", name);
        return true;
    }

    public Map<String, Status> statuses() {
        return statuses;
    }

    public List<String> fileErrors() {
        return fileErrors;
    }

    private void announce(EnrichmentPlan plan, String state) {
        EnrichmentDeployed event = new EnrichmentDeployed(plan.name(), engine.name(), plan.outputTopic(), plan.key(),
                plan.columns().stream().map(EnrichmentPlan.OutputColumn::definition).toList(), state);
        if (event.equals(announced.get(plan.name()))) {
            return;
        }
        publisher.publish(EventType.EnrichmentDeployed, plan.name(), event);
        announced.put(plan.name(), event);
        reportedErrors.keySet().removeIf(message -> message.contains("'" + plan.name() + "'"));
        LOG.infof("Announced EnrichmentDeployed %s: %s on %s, key %s, %d columns", plan.name(), state, engine.name(),
                plan.key(), plan.columns().size());
    }

    private void reportOnce(String message) {
        if (reportedErrors.put(message, message) == null) {
            LOG.errorf("Enrichment definition refused: %s. The other enrichments keep running.", message);
        }
    }

    /** A supplier-friendly view for metrics. */
    public Supplier<Map<String, Status>> statusSupplier() {
        return this::statuses;
    }
}
