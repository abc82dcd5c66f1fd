package org.streamingetl.enricher.definition;

/**
 * A definition names a table that has no announcement (yet): a typo, or a table not created or not captured. The
 * enrichment waits for it; the other enrichments run.
 */
public final class UnknownTableException extends DefinitionException {

    public UnknownTableException(String enrichment, String field, String problem) {
        super(enrichment, field, problem);
    }
}
