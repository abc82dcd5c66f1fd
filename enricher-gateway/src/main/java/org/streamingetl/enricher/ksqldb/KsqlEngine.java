package org.streamingetl.enricher.ksqldb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.EnrichmentDeployed;
import org.streamingetl.enricher.definition.EnrichmentPlan;
import org.streamingetl.enricher.engine.EnrichmentEngine;

/**
 * Runs enrichments on ksqlDB, idempotently: a persistent query already writing the output topic with the same
 * statement is left alone (a restart of the gateway changes nothing); a different one is terminated and its
 * objects dropped before the new statements run; a removed enrichment's query is terminated and its objects dropped.
 */
public final class KsqlEngine implements EnrichmentEngine {

    private static final Logger LOG = Logger.getLogger(KsqlEngine.class);

    /** ksqlDB's server property naming the schema registry its Avro format reads and registers schemas with. */
    static final String REGISTRY_PROPERTY = "ksql.schema.registry.url";

    private final KsqlClient client;
    private final KsqlStatements.Format format;
    private final Map<String, EnrichmentPlan> deployed = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /** The engine for JSON change events and output. */
    public KsqlEngine(KsqlClient client) {
        this(client, KsqlStatements.Format.JSON);
    }

    /** {@code format}: how the change events are written (the pipeline's format), and how the output is. */
    public KsqlEngine(KsqlClient client, KsqlStatements.Format format) {
        this.client = client;
        this.format = format;
    }

    @Override
    public String name() {
        return EnrichmentDeployed.KSQLDB;
    }

    @Override
    public synchronized void deploy(EnrichmentPlan plan) {
        List<String> statements = KsqlStatements.of(plan, format);
        String output = statements.get(statements.size() - 1);
        Optional<KsqlClient.Query> running = queryWriting(plan.outputTopic());
        if (running.isPresent() && same(running.get().statement(), output)) {
            deployed.put(plan.name(), plan);
            return;
        }
        try {
            if (format == KsqlStatements.Format.AVRO) {
                checkRegistry();
            }
            running.ifPresent(q -> teardown(plan, q));
            for (String statement : statements) {
                client.execute(statement);
            }
            failures.remove(plan.name());
            deployed.put(plan.name(), plan);
            LOG.infof("Enrichment %s deployed on ksqlDB at %s (%d statements)", plan.name(), client.url(), statements.size());
        } catch (KsqlException e) {
            failures.put(plan.name(), e.getMessage());
            deployed.put(plan.name(), plan);
            throw e;
        }
    }

    /**
     * Avro needs ksqlDB's own registry setting (server side; a statement cannot set it): without it ksqlDB refuses
     * the statements with a less direct message, or — set to another registry than the pipeline's — cannot read the
     * change events' schema ids. Checked before any statement runs; an answer without a property list passes.
     */
    private void checkRegistry() {
        Map<String, String> properties = client.properties();
        if (properties.isEmpty()) {
            LOG.warnf("ksqlDB at %s did not list its properties; cannot check %s", client.url(), REGISTRY_PROPERTY);
            return;
        }
        String url = properties.getOrDefault(REGISTRY_PROPERTY, "");
        if (url.isBlank()) {
            throw new KsqlException("ksqlDB at " + client.url() + " has no " + REGISTRY_PROPERTY + ", needed for the Avro "
                    + "change events (enricher.format=avro): set it on the ksqlDB server to the registry the pipeline "
                    + "uses, its Confluent-compatible API (SCHEMA_REGISTRY_URL as ksqlDB reaches it, e.g. "
                    + "KSQL_KSQL_SCHEMA_REGISTRY_URL=http://schema-registry:8080/apis/ccompat/v7 in Compose, or "
                    + REGISTRY_PROPERTY + "=... in ksql-server.properties), restart ksqlDB, and the enrichment is "
                    + "deployed at the next reconciliation");
        }
        LOG.debugf("ksqlDB at %s reads Avro schemas from %s", client.url(), url);
    }

    @Override
    public synchronized void redeploy(EnrichmentPlan plan) {
        queryWriting(plan.outputTopic()).ifPresent(q -> teardown(plan, q));
        deploy(plan);
    }

    @Override
    public synchronized void remove(String name) {
        EnrichmentPlan plan = deployed.remove(name);
        if (plan != null) {
            queryWriting(plan.outputTopic()).ifPresent(q -> teardown(plan, q));
            LOG.infof("Enrichment %s removed from ksqlDB", name);
        }
    }

    private void teardown(EnrichmentPlan plan, KsqlClient.Query query) {
        client.execute("TERMINATE " + query.id() + ";");
        for (String object : KsqlStatements.objects(plan)) {
            String kind = object.endsWith("__changes") ? "STREAM" : "TABLE";
            if (!object.equals(plan.name())) {
                // The helper tables' own queries write their (internal) topics; terminate them with their table.
                queryWriting(null, object).ifPresent(q -> client.execute("TERMINATE " + q.id() + ";"));
            }
            client.execute("DROP " + kind + " IF EXISTS " + KsqlStatements.q(object) + ";");
        }
    }

    private Optional<KsqlClient.Query> queryWriting(String topic) {
        return queryWriting(topic, null);
    }

    private Optional<KsqlClient.Query> queryWriting(String topic, String object) {
        return client.queries().stream()
                .filter(q -> topic != null ? q.sinkTopics().contains(topic)
                        : q.statement().contains("CREATE TABLE IF NOT EXISTS " + KsqlStatements.q(object) + " "))
                .findFirst();
    }

    private static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String statement) {
        String s = statement.replaceAll("\\s+", " ").trim();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).trim() : s;
    }

    @Override
    public Map<String, EnrichmentState> states() {
        Map<String, EnrichmentState> states = new LinkedHashMap<>();
        List<KsqlClient.Query> queries;
        try {
            queries = client.queries();
        } catch (KsqlException e) {
            deployed.keySet().forEach(name -> states.put(name, new EnrichmentState("FAILED", e.getMessage(), -1)));
            return states;
        }
        for (EnrichmentPlan plan : deployed.values()) {
            String failure = failures.get(plan.name());
            Optional<KsqlClient.Query> q = queries.stream().filter(x -> x.sinkTopics().contains(plan.outputTopic())).findFirst();
            if (failure != null) {
                states.put(plan.name(), new EnrichmentState("FAILED", failure, -1));
            } else if (q.isEmpty()) {
                states.put(plan.name(), new EnrichmentState("FAILED", "no persistent query writes " + plan.outputTopic(), -1));
            } else {
                String state = q.get().state();
                states.put(plan.name(), new EnrichmentState(state.equals("RUNNING") ? "RUNNING" : state,
                        state.equals("RUNNING") ? null : "query " + q.get().id() + " is " + state, -1));
            }
        }
        return states;
    }

    @Override
    public String problem() {
        return client.problem();
    }

    @Override
    public void close() {
    }
}
