package org.streamingetl.enricher.ksqldb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.streamingetl.enricher.definition.DefinitionValidatorTest;
import org.streamingetl.enricher.definition.EnrichmentPlan;

/**
 * Golden tests: the statements of the validator test's enrichment, one per line, in ksqldb/e.sql (JSON change
 * events) and ksqldb/e-avro.sql (Avro change events, Avro output).
 */
class KsqlStatementsTest {

    private static final EnrichmentPlan PLAN = DefinitionValidatorTest.VALIDATOR.validate(DefinitionValidatorTest.definition(
            DefinitionValidatorTest.VALID + "filter: customer_name IS NOT NULL\n"));

    @Test
    void theStatementsOfAnEnrichmentAreTheGoldenOnes() throws IOException {
        assertEquals(golden("/ksqldb/e.sql"), String.join("\n", KsqlStatements.of(PLAN)));
        assertEquals(KsqlStatements.of(PLAN), KsqlStatements.of(PLAN, KsqlStatements.Format.JSON));
    }

    @Test
    void inAvroTheStreamsDeclareTheAvroEnvelopeAndTheOutputIsAvro() throws IOException {
        assertEquals(golden("/ksqldb/e-avro.sql"), String.join("\n", KsqlStatements.of(PLAN, KsqlStatements.Format.AVRO)));
    }

    private String golden(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
