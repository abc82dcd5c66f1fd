package org.streamingetl.enricher.ksqldb;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.debezium.DebeziumField;
import org.streamingetl.enricher.definition.DefinitionException;
import org.streamingetl.enricher.definition.EnrichmentDefinition.JoinType;
import org.streamingetl.enricher.definition.EnrichmentPlan;
import org.streamingetl.enricher.definition.EnrichmentPlan.OutputColumn;
import org.streamingetl.enricher.definition.EnrichmentPlan.PlannedJoin;
import org.streamingetl.enricher.definition.EnrichmentPlan.Table;

/**
 * An enrichment as ksqlDB 0.29 statements. Per input table: a stream over its Debezium topic (JSON envelope) and a
 * table of each key's latest row and op, {@code <name>__<alias>}; then the persistent query
 * {@code CREATE TABLE <name> AS SELECT ... JOIN ...} writing {@code <prefix>.enriched.<name>}. Rows whose latest op
 * is a delete leave the result (ksqlDB writes a tombstone); columns of a deleted left-joined row read NULL.
 */
public final class KsqlStatements {

    private KsqlStatements() {
    }

    /** The statements, in the order they are submitted; the last one is the persistent output query. */
    public static List<String> of(EnrichmentPlan plan) {
        List<String> statements = new ArrayList<>();
        statements.addAll(input(plan, plan.source()));
        for (PlannedJoin join : plan.joins()) {
            if (join.table().captured().primaryKey().size() != 1) {
                throw new DefinitionException(plan.name(), "joins", "the ksqldb engine joins on single-column keys; "
                        + join.table().captured().qualifiedName() + " has " + join.table().captured().primaryKey());
            }
            statements.addAll(input(plan, join.table()));
        }
        statements.add(output(plan));
        return statements;
    }

    /** The ksqlDB objects of an enrichment, in the order they are dropped. */
    public static List<String> objects(EnrichmentPlan plan) {
        List<String> names = new ArrayList<>(List.of(plan.name()));
        List<Table> tables = new ArrayList<>(List.of(plan.source()));
        plan.joins().forEach(j -> tables.add(j.table()));
        for (Table t : tables) {
            names.add(tableName(plan, t));
            names.add(tableName(plan, t) + "__changes");
        }
        return names;
    }

    static String tableName(EnrichmentPlan plan, Table table) {
        return plan.name() + "__" + table.alias();
    }

    private static List<String> input(EnrichmentPlan plan, Table table) {
        String changes = tableName(plan, table) + "__changes";
        String row = table.captured().columns().stream().map(c -> q(c.name()) + " " + type(c))
                .collect(Collectors.joining(", ", "STRUCT<", ">"));
        String stream = "CREATE STREAM IF NOT EXISTS " + q(changes) + " (" + q("payload") + " STRUCT<" + q("before")
                + " " + row + ", " + q("after") + " " + row + ", " + q("op") + " STRING>) WITH (KAFKA_TOPIC='"
                + table.captured().topic() + "', VALUE_FORMAT='JSON');";
        List<String> key = table.captured().primaryKey();
        String keyExpressions = key.stream().map(k -> "COALESCE(" + field("after", k) + ", " + field("before", k) + ")")
                .collect(Collectors.joining(", "));
        List<String> select = new ArrayList<>();
        for (String k : key) {
            select.add("COALESCE(" + field("after", k) + ", " + field("before", k) + ") AS " + q(k));
        }
        for (ColumnDefinition c : table.captured().columns()) {
            if (!key.contains(c.name())) {
                select.add("LATEST_BY_OFFSET(" + field("after", c.name()) + ", false) AS " + q(c.name()));
            }
        }
        select.add("LATEST_BY_OFFSET(" + q("payload") + "->" + q("op") + ") AS " + q("op"));
        String latest = "CREATE TABLE IF NOT EXISTS " + q(tableName(plan, table)) + " AS SELECT "
                + String.join(", ", select) + " FROM " + q(changes) + " GROUP BY " + keyExpressions + " EMIT CHANGES;";
        return List.of(stream, latest);
    }

    private static String output(EnrichmentPlan plan) {
        List<String> select = new ArrayList<>();
        for (OutputColumn c : plan.columns()) {
            String column = q(c.from().alias()) + "." + q(c.from().column());
            boolean fromSource = c.from().alias().equals(plan.source().alias());
            select.add((fromSource ? column : "CASE WHEN " + q(c.from().alias()) + "." + q("op") + " = 'd' THEN NULL ELSE "
                    + column + " END") + " AS " + q(c.name()));
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + q(plan.name()) + " WITH (KAFKA_TOPIC='"
                + plan.outputTopic() + "', KEY_FORMAT='JSON', VALUE_FORMAT='JSON') AS SELECT " + String.join(", ", select)
                + " FROM " + q(tableName(plan, plan.source())) + " " + q(plan.source().alias()));
        List<String> where = new ArrayList<>(List.of(q(plan.source().alias()) + "." + q("op") + " <> 'd'"));
        for (PlannedJoin join : plan.joins()) {
            String alias = q(join.table().alias());
            sql.append(join.type() == JoinType.LEFT ? " LEFT JOIN " : " JOIN ").append(q(tableName(plan, join.table())))
                    .append(" ").append(alias).append(" ON ").append(q(join.foreignKey().get(0).alias())).append(".")
                    .append(q(join.foreignKey().get(0).column())).append(" = ").append(alias).append(".")
                    .append(q(join.table().captured().primaryKey().get(0)));
            if (join.type() == JoinType.INNER) {
                where.add(alias + "." + q("op") + " <> 'd'");
            }
        }
        if (plan.filter() != null) {
            OutputColumn column = plan.columns().stream().filter(c -> c.name().equals(plan.filter().column()))
                    .findFirst().orElseThrow();
            String expression = q(column.from().alias()) + "." + q(column.from().column());
            if (type(column.definition()).equals("BYTES")) {
                throw new DefinitionException(plan.name(), "filter", "the ksqldb engine cannot compare "
                        + column.definition().columnType() + " (Debezium sends it as bytes)");
            }
            where.add(expression + " " + plan.filter().op() + (plan.filter().literal() == null ? ""
                    : " " + plan.filter().literal()));
        }
        sql.append(" WHERE ").append(String.join(" AND ", where)).append(" EMIT CHANGES;");
        return sql.toString();
    }

    private static String field(String image, String column) {
        return q("payload") + "->" + q(image) + "->" + q(column);
    }

    /** The ksqlDB type of a column as Debezium's JSON carries it ({@link DebeziumField}; docs/type-mapping.md). */
    static String type(ColumnDefinition c) {
        return switch (DebeziumField.of(c).type()) {
            case "int16", "int32" -> "INT";
            case "int64" -> "BIGINT";
            case "float", "double" -> "DOUBLE";
            case "boolean" -> "BOOLEAN";
            case "bytes" -> "BYTES";
            case "struct" -> "STRUCT<" + q("wkb") + " BYTES, " + q("srid") + " INT>";
            default -> "STRING";
        };
    }

    static String q(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
