package org.streamingetl.common.control;

import java.util.List;

/**
 * enricher-gateway deployed an enrichment.
 *
 * @param name        enrichment name (also the ClickHouse table name)
 * @param engine      {@code ksqldb} or {@code streams}
 * @param outputTopic the topic it writes, {@code <prefix>.enriched.<name>}
 * @param keyColumns  the output key columns
 * @param columns     output columns, typed like MySQL columns so the sink maps them like source tables
 * @param state       e.g. RUNNING, FAILED
 */
public record EnrichmentDeployed(String name, String engine, String outputTopic, List<String> keyColumns,
                                 List<ColumnDefinition> columns, String state) {

    /** The {@code engine} of enrichments run by ksqlDB: their topics hold plain JSON rows (no Connect schemas). */
    public static final String KSQLDB = "ksqldb";
    /** The {@code engine} of enrichments run by the embedded Kafka Streams engine: Debezium-style envelopes. */
    public static final String STREAMS = "streams";

    public EnrichmentDeployed {
        keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
