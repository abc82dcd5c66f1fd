package org.streamingetl.enricher.ksqldb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.streamingetl.enricher.definition.DefinitionValidatorTest;
import org.streamingetl.enricher.definition.EnrichmentPlan;

/** Golden test: the statements of the validator test's enrichment, one per line, in ksqldb/e.sql. */
class KsqlStatementsTest {

    @Test
    void theStatementsOfAnEnrichmentAreTheGoldenOnes() throws IOException {
        EnrichmentPlan plan = DefinitionValidatorTest.VALIDATOR.validate(DefinitionValidatorTest.definition(
                DefinitionValidatorTest.VALID + "filter: customer_name IS NOT NULL\n"));
        try (InputStream in = getClass().getResourceAsStream("/ksqldb/e.sql")) {
            String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(golden, String.join("\n", KsqlStatements.of(plan)));
        }
    }
}
