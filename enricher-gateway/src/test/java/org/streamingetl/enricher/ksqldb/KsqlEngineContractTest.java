package org.streamingetl.enricher.ksqldb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streamingetl.enricher.definition.DefinitionValidatorTest;
import org.streamingetl.enricher.definition.EnrichmentPlan;

/**
 * CONTRACT TESTS of the ksqldb engine against {@link KsqlStub}, a stand-in replaying ksqlDB 0.29's documented
 * responses (ksqlDB cannot run here; the Compose file runs the real one). They check what the gateway sends and how
 * it reads the answers, not ksqlDB itself.
 */
class KsqlEngineContractTest {

    private KsqlStub ksql;
    private KsqlEngine engine;
    private final EnrichmentPlan plan = DefinitionValidatorTest.VALIDATOR.validate(
            DefinitionValidatorTest.definition(DefinitionValidatorTest.VALID));

    @BeforeEach
    void start() throws Exception {
        ksql = new KsqlStub();
        engine = new KsqlEngine(new KsqlClient(ksql.url(), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        ksql.close();
    }

    @Test
    void aDeploymentSubmitsTheStatementsInOrderAndItsQueryRuns() {
        engine.deploy(plan);
        assertEquals(KsqlStatements.of(plan), ksql.created());
        assertEquals("RUNNING", engine.states().get("e").state());
        assertEquals(null, engine.problem(), "the health check answers healthy");
    }

    @Test
    void inAvroTheGatewayChecksKsqlDbsRegistryThenSubmitsTheAvroStatements() {
        ksql.registryUrl = "http://schema-registry:8080/apis/ccompat/v7";
        KsqlEngine avro = new KsqlEngine(new KsqlClient(ksql.url(), Duration.ofSeconds(10)), KsqlStatements.Format.AVRO);
        avro.deploy(plan);
        assertEquals("SHOW PROPERTIES;", ksql.statements.get(1), "after SHOW QUERIES, before any statement");
        assertEquals(KsqlStatements.of(plan, KsqlStatements.Format.AVRO), ksql.created());
        assertEquals("RUNNING", avro.states().get("e").state());
    }

    @Test
    void inAvroAKsqlDbWithoutARegistrySaysWhatToSetAndRunsNothing() {
        KsqlEngine avro = new KsqlEngine(new KsqlClient(ksql.url(), Duration.ofSeconds(10)), KsqlStatements.Format.AVRO);
        KsqlException e = assertThrows(KsqlException.class, () -> avro.deploy(plan));
        assertTrue(e.getMessage().contains("has no ksql.schema.registry.url"), e.getMessage());
        assertTrue(e.getMessage().contains("KSQL_KSQL_SCHEMA_REGISTRY_URL"), e.getMessage());
        assertEquals(List.of(), ksql.created());
        assertEquals("FAILED", avro.states().get("e").state());
        assertTrue(avro.states().get("e").reason().contains("ksql.schema.registry.url"));
    }

    @Test
    void deployingTheSamePlanAgainChangesNothing() {
        engine.deploy(plan);
        int before = ksql.statements.size();
        new KsqlEngine(new KsqlClient(ksql.url(), Duration.ofSeconds(10))).deploy(plan);
        List<String> after = ksql.statements.subList(before, ksql.statements.size());
        assertEquals(List.of("SHOW QUERIES;"), after, "a restarted gateway only looks");
    }

    @Test
    void aChangedDefinitionReplacesTheQuery() {
        engine.deploy(plan);
        EnrichmentPlan changed = DefinitionValidatorTest.VALIDATOR.validate(DefinitionValidatorTest.definition(
                DefinitionValidatorTest.VALID + "filter: customer_name IS NOT NULL\n"));
        int before = ksql.statements.size();
        engine.deploy(changed);
        List<String> sent = ksql.statements.subList(before, ksql.statements.size());
        assertTrue(sent.stream().anyMatch(s -> s.startsWith("TERMINATE CTAS_E_")), sent.toString());
        assertTrue(sent.contains("DROP TABLE IF EXISTS `e`;"), sent.toString());
        assertTrue(sent.get(sent.size() - 1).contains("`customers`.`name` IS NOT NULL"), sent.toString());
        assertEquals("RUNNING", engine.states().get("e").state());
    }

    @Test
    void aRemovedEnrichmentIsTerminatedAndDropped() {
        engine.deploy(plan);
        engine.remove("e");
        assertTrue(ksql.statements.contains("DROP TABLE IF EXISTS `e`;"));
        assertTrue(ksql.statements.contains("DROP STREAM IF EXISTS `e__orders__changes`;"));
        assertEquals(List.of(), new KsqlClient(ksql.url(), Duration.ofSeconds(5)).queries().stream()
                .filter(q -> q.sinkTopics().contains("p.enriched.e")).toList());
    }

    @Test
    void aRefusedStatementSaysWhichAndWhy() {
        ksql.refuse = "CREATE TABLE IF NOT EXISTS `e` ";
        KsqlException e = assertThrows(KsqlException.class, () -> engine.deploy(plan));
        assertTrue(e.getMessage().contains("error 40001"), e.getMessage());
        assertTrue(e.getMessage().contains("mismatched input 'BOOM'"), e.getMessage());
        assertEquals("FAILED", engine.states().get("e").state());
    }
}
