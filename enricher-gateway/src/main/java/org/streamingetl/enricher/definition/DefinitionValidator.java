package org.streamingetl.enricher.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.enricher.definition.EnrichmentDefinition.ColumnRef;
import org.streamingetl.enricher.definition.EnrichmentDefinition.Condition;
import org.streamingetl.enricher.definition.EnrichmentDefinition.Join;
import org.streamingetl.enricher.definition.EnrichmentPlan.OutputColumn;
import org.streamingetl.enricher.definition.EnrichmentPlan.PlannedJoin;
import org.streamingetl.enricher.definition.EnrichmentPlan.Table;

/**
 * Checks a definition against the tables cdc-registrar announced (their exact MySQL columns) and resolves it into an
 * {@link EnrichmentPlan}; a problem is a {@link DefinitionException} naming the enrichment and the field.
 */
public final class DefinitionValidator {

    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    private static final Set<String> STRINGS = Set.of("char", "varchar");

    private final Function<String, Optional<TableCaptured>> tables;
    private final String topicPrefix;

    /** @param tables announced table by {@code db.table} */
    public DefinitionValidator(Function<String, Optional<TableCaptured>> tables, String topicPrefix) {
        this.tables = tables;
        this.topicPrefix = topicPrefix;
    }

    public EnrichmentPlan validate(EnrichmentDefinition d) {
        String name = d.name();
        Map<String, Table> byAlias = new HashMap<>();
        Table source = table(name, "source", d.source(), byAlias);
        if (source.captured().primaryKey().isEmpty()) {
            throw new DefinitionException(name, "source", d.source().qualifiedName() + " has no primary key; an "
                    + "enrichment is keyed by its source table's key");
        }
        List<PlannedJoin> joins = new ArrayList<>();
        for (int i = 0; i < d.joins().size(); i++) {
            Join join = d.joins().get(i);
            String field = "joins[" + i + "]";
            Map<String, Table> before = new HashMap<>(byAlias);
            Table joined = table(name, field + ".table", join.table(), byAlias);
            List<String> key = joined.captured().primaryKey();
            if (key.isEmpty()) {
                throw new DefinitionException(name, field + ".table", join.table().qualifiedName()
                        + " has no primary key to join on");
            }
            List<ColumnRef> foreignKey = new ArrayList<>();
            for (String keyColumn : key) {
                Condition condition = join.on().stream().filter(c -> c.keyColumn().equals(keyColumn)).findFirst()
                        .orElseThrow(() -> new DefinitionException(name, field + ".on", "must equal each primary key "
                                + "column of " + join.table().qualifiedName() + " " + key + "; " + keyColumn + " is missing"));
                ColumnDefinition foreign = column(name, field + ".on", condition.foreign(), before);
                ColumnDefinition keyDefinition = column(joined.captured(), keyColumn).orElseThrow();
                if (!compatible(foreign, keyDefinition)) {
                    throw new DefinitionException(name, field + ".on", condition.foreign() + " (" + foreign.columnType()
                            + ") cannot be joined with " + joined.alias() + "." + keyColumn + " ("
                            + keyDefinition.columnType() + "): the types differ");
                }
                foreignKey.add(condition.foreign());
            }
            if (join.on().size() != key.size()) {
                throw new DefinitionException(name, field + ".on", "compares columns that are not the primary key "
                        + key + " of " + join.table().qualifiedName());
            }
            joins.add(new PlannedJoin(joined, join.type(), foreignKey));
        }
        List<OutputColumn> columns = new ArrayList<>();
        int position = 1;
        for (Map.Entry<String, ColumnRef> c : d.columns().entrySet()) {
            ColumnDefinition from = column(name, "columns." + c.getKey(), c.getValue(), byAlias);
            boolean inKey = d.key().contains(c.getKey());
            columns.add(new OutputColumn(c.getKey(), c.getValue(), new ColumnDefinition(c.getKey(), position++,
                    from.dataType(), from.columnType(), from.length(), from.precision(), from.scale(),
                    from.fractionalSeconds(), from.unsigned(), !inKey, from.values())));
        }
        List<String> sourceKey = source.captured().primaryKey();
        List<String> key = new ArrayList<>();
        for (String sourceColumn : sourceKey) {
            String out = d.columns().entrySet().stream()
                    .filter(e -> e.getValue().alias().equals(source.alias()) && e.getValue().column().equals(sourceColumn)
                            && d.key().contains(e.getKey()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new DefinitionException(name, "key", "the key must be the primary key " + sourceKey
                            + " of " + d.source().qualifiedName() + " (as output columns); " + source.alias() + "."
                            + sourceColumn + " is not in it"));
            ColumnDefinition type = column(source.captured(), sourceColumn).orElseThrow();
            if (!INTEGERS.contains(lower(type.dataType())) && !STRINGS.contains(lower(type.dataType()))) {
                throw new DefinitionException(name, "key", out + " has type " + type.columnType()
                        + "; enrichment keys are integer or (var)char columns");
            }
            key.add(out);
        }
        if (key.size() != d.key().size()) {
            throw new DefinitionException(name, "key", d.key() + " is not exactly the primary key " + sourceKey + " of "
                    + d.source().qualifiedName());
        }
        if (d.filter() != null && !d.columns().containsKey(d.filter().column())) {
            throw new DefinitionException(name, "filter", d.filter().column() + " is not an output column");
        }
        return new EnrichmentPlan(d, source, joins, columns, key, sourceKey, d.filter(),
                topicPrefix + ".enriched." + name);
    }

    private Table table(String name, String field, EnrichmentDefinition.TableRef ref, Map<String, Table> byAlias) {
        TableCaptured captured = tables.apply(ref.qualifiedName()).orElseThrow(() -> new UnknownTableException(name, field,
                "unknown table " + ref.qualifiedName() + " (no TableCaptured announcement: is it captured?)"));
        if (byAlias.containsKey(ref.alias())) {
            throw new DefinitionException(name, field, "the name " + ref.alias() + " is used twice; give one an alias "
                    + "('db.table AS other')");
        }
        Table table = new Table(ref.alias(), captured);
        byAlias.put(ref.alias(), table);
        return table;
    }

    private static ColumnDefinition column(String name, String field, ColumnRef ref, Map<String, Table> byAlias) {
        Table table = byAlias.get(ref.alias());
        if (table == null) {
            throw new DefinitionException(name, field, "unknown table " + ref.alias() + " in " + ref
                    + " (known here: " + new HashSet<>(byAlias.keySet()) + ")");
        }
        return column(table.captured(), ref.column()).orElseThrow(() -> new DefinitionException(name, field,
                "unknown column " + ref.column() + " of " + table.captured().qualifiedName()));
    }

    private static Optional<ColumnDefinition> column(TableCaptured table, String column) {
        return table.columns().stream().filter(c -> c.name().equals(column)).findFirst();
    }

    private static boolean compatible(ColumnDefinition a, ColumnDefinition b) {
        String ta = lower(a.dataType());
        String tb = lower(b.dataType());
        if (INTEGERS.contains(ta) && INTEGERS.contains(tb)) {
            return true;
        }
        if (STRINGS.contains(ta) && STRINGS.contains(tb)) {
            return true;
        }
        return ta.equals(tb) && java.util.Objects.equals(a.scale(), b.scale());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
