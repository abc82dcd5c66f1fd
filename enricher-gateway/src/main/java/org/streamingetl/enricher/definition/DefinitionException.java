package org.streamingetl.enricher.definition;

/** A definition that cannot be deployed; the message names the enrichment and the field. */
public class DefinitionException extends RuntimeException {

    public DefinitionException(String enrichment, String field, String problem) {
        super("enrichment '" + enrichment + "', " + field + ": " + problem);
    }
}
