package org.streamingetl.enricher.definition;

import java.util.List;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.enricher.definition.EnrichmentDefinition.ColumnRef;
import org.streamingetl.enricher.definition.EnrichmentDefinition.Filter;
import org.streamingetl.enricher.definition.EnrichmentDefinition.JoinType;

/**
 * A validated enrichment, resolved against the announced tables: what both engines build from.
 *
 * @param definition the definition it came from
 * @param source     the source table (alias and announcement)
 * @param joins      the joins, each with its foreign key columns in the joined table's key order
 * @param columns    output columns with their MySQL-typed definitions (nullable unless part of the key)
 * @param key        output key columns, in the source table's primary key order
 * @param sourceKey  the source's primary key columns those come from, same order
 * @param filter     the filter on output columns, or null
 * @param outputTopic {@code <prefix>.enriched.<name>}
 */
public record EnrichmentPlan(EnrichmentDefinition definition, Table source, List<PlannedJoin> joins,
                             List<OutputColumn> columns, List<String> key, List<String> sourceKey, Filter filter,
                             String outputTopic) {

    public String name() {
        return definition.name();
    }

    /** A table of the enrichment: its alias in the definition and its announced structure. */
    public record Table(String alias, TableCaptured captured) {
    }

    public record PlannedJoin(Table table, JoinType type, List<ColumnRef> foreignKey) {
    }

    public record OutputColumn(String name, ColumnRef from, ColumnDefinition definition) {
    }

    /** Every input topic: the source's, then each joined table's. */
    public List<String> inputTopics() {
        List<String> topics = new java.util.ArrayList<>();
        topics.add(source.captured().topic());
        joins.forEach(j -> topics.add(j.table().captured().topic()));
        return topics;
    }
}
