package org.streamingetl.enricher.ksqldb;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.debezium.AvroFieldNames;
import org.streamingetl.common.debezium.DebeziumField;
import org.streamingetl.enricher.definition.DefinitionException;
import org.streamingetl.enricher.definition.EnrichmentDefinition.JoinType;
import org.streamingetl.enricher.definition.EnrichmentPlan;
import org.streamingetl.enricher.definition.EnrichmentPlan.OutputColumn;
import org.streamingetl.enricher.definition.EnrichmentPlan.PlannedJoin;
import org.streamingetl.enricher.definition.EnrichmentPlan.Table;

/**
 * An enrichment as ksqlDB 0.29 statements. Per input table: a stream over its Debezium topic and a table of each
 * key's latest row and op, {@code <name>__<alias>}; then the persistent query
 * {@code CREATE TABLE <name> AS SELECT ... JOIN ...} writing {@code <prefix>.enriched.<name>}. Rows whose latest op
 * is a delete leave the result (ksqlDB writes a tombstone); columns of a deleted left-joined row read NULL.
 *
 * <p>{@link Format#JSON}: the streams declare JsonConverter's envelope ({@code payload} with {@code before},
 * {@code after}, {@code op}); the output is JSON (key and value). {@link Format#AVRO}: the streams declare the Avro
 * envelope's {@code before}, {@code after} and {@code op} fields ({@code KEY_FORMAT='AVRO', VALUE_FORMAT='AVRO'}:
 * ksqlDB reads each record with its writer schema from the registry and matches the declared fields by name; the
 * key is inferred from {@code <topic>-key} and not used), the columns under the Avro names Debezium gives them
 * ({@link AvroFieldNames}), decimals as {@code DECIMAL(p, s)}; the output is Avro, its schemas registered by ksqlDB
 * under {@code <topic>-key} (the key column, an unwrapped primitive) and {@code <topic>-value} (a record of the
 * other columns). Declared rather than inferred columns: ksqlDB upper-cases inferred field names, and would take
 * Debezium's whole {@code source} block too.
 */
public final class KsqlStatements {

    /** How the change events are written, and how the output is. */
    public enum Format { JSON, AVRO }

    private KsqlStatements() {
    }

    /** The statements in JSON, in the order they are submitted; the last one is the persistent output query. */
    public static List<String> of(EnrichmentPlan plan) {
        return of(plan, Format.JSON);
    }

    /** The statements, in the order they are submitted; the last one is the persistent output query. */
    public static List<String> of(EnrichmentPlan plan, Format format) {
        Dialect d = new Dialect(format);
        List<String> statements = new ArrayList<>();
        statements.addAll(input(plan, plan.source(), d));
        for (PlannedJoin join : plan.joins()) {
            if (join.table().captured().primaryKey().size() != 1) {
                throw new DefinitionException(plan.name(), "joins", "the ksqldb engine joins on single-column keys; "
                        + join.table().captured().qualifiedName() + " has " + join.table().captured().primaryKey());
            }
            statements.addAll(input(plan, join.table(), d));
        }
        statements.add(output(plan, d));
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

    private static List<String> input(EnrichmentPlan plan, Table table, Dialect d) {
        String changes = tableName(plan, table) + "__changes";
        String row = table.captured().columns().stream().map(c -> q(d.name(c.name())) + " " + d.type(c))
                .collect(Collectors.joining(", ", "STRUCT<", ">"));
        String envelope = q("before") + " " + row + ", " + q("after") + " " + row + ", " + q("op") + " STRING";
        String stream = "CREATE STREAM IF NOT EXISTS " + q(changes) + " ("
                + (d.avro ? envelope : q("payload") + " STRUCT<" + envelope + ">") + ") WITH (KAFKA_TOPIC='"
                + table.captured().topic() + "', " + d.inputFormats() + ");";
        List<String> key = table.captured().primaryKey();
        String keyExpressions = key.stream().map(k -> "COALESCE(" + d.field("after", k) + ", " + d.field("before", k) + ")")
                .collect(Collectors.joining(", "));
        List<String> select = new ArrayList<>();
        for (String k : key) {
            select.add("COALESCE(" + d.field("after", k) + ", " + d.field("before", k) + ") AS " + q(d.name(k)));
        }
        for (ColumnDefinition c : table.captured().columns()) {
            if (!key.contains(c.name())) {
                select.add("LATEST_BY_OFFSET(" + d.field("after", c.name()) + ", false) AS " + q(d.name(c.name())));
            }
        }
        select.add("LATEST_BY_OFFSET(" + d.op() + ") AS " + q("op"));
        String latest = "CREATE TABLE IF NOT EXISTS " + q(tableName(plan, table)) + " AS SELECT "
                + String.join(", ", select) + " FROM " + q(changes) + " GROUP BY " + keyExpressions + " EMIT CHANGES;";
        return List.of(stream, latest);
    }

    private static String output(EnrichmentPlan plan, Dialect d) {
        List<String> select = new ArrayList<>();
        for (OutputColumn c : plan.columns()) {
            String column = q(c.from().alias()) + "." + q(d.name(c.from().column()));
            boolean fromSource = c.from().alias().equals(plan.source().alias());
            select.add((fromSource ? column : "CASE WHEN " + q(c.from().alias()) + "." + q("op") + " = 'd' THEN NULL ELSE "
                    + column + " END") + " AS " + q(d.name(c.name())));
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + q(plan.name()) + " WITH (KAFKA_TOPIC='"
                + plan.outputTopic() + "', " + d.formats() + ") AS SELECT " + String.join(", ", select)
                + " FROM " + q(tableName(plan, plan.source())) + " " + q(plan.source().alias()));
        List<String> where = new ArrayList<>(List.of(q(plan.source().alias()) + "." + q("op") + " <> 'd'"));
        for (PlannedJoin join : plan.joins()) {
            String alias = q(join.table().alias());
            sql.append(join.type() == JoinType.LEFT ? " LEFT JOIN " : " JOIN ").append(q(tableName(plan, join.table())))
                    .append(" ").append(alias).append(" ON ").append(q(join.foreignKey().get(0).alias())).append(".")
                    .append(q(d.name(join.foreignKey().get(0).column()))).append(" = ").append(alias).append(".")
                    .append(q(d.name(join.table().captured().primaryKey().get(0))));
            if (join.type() == JoinType.INNER) {
                where.add(alias + "." + q("op") + " <> 'd'");
            }
        }
        if (plan.filter() != null) {
            OutputColumn column = plan.columns().stream().filter(c -> c.name().equals(plan.filter().column()))
                    .findFirst().orElseThrow();
            String expression = q(column.from().alias()) + "." + q(d.name(column.from().column()));
            if (d.type(column.definition()).equals("BYTES")) {
                throw new DefinitionException(plan.name(), "filter", "the ksqldb engine cannot compare "
                        + column.definition().columnType() + " (Debezium sends it as bytes)");
            }
            where.add(expression + " " + plan.filter().op() + (plan.filter().literal() == null ? ""
                    : " " + plan.filter().literal()));
        }
        sql.append(" WHERE ").append(String.join(" AND ", where)).append(" EMIT CHANGES;");
        return sql.toString();
    }

    /** What differs between the formats: where the envelope's fields are, the columns' names and types. */
    private record Dialect(boolean avro) {
        Dialect(Format format) {
            this(format == Format.AVRO);
        }

        /** The input streams': JSON keys are not read (the table's key comes from the row images). */
        String inputFormats() {
            return avro ? "KEY_FORMAT='AVRO', VALUE_FORMAT='AVRO'" : "VALUE_FORMAT='JSON'";
        }

        String formats() {
            return avro ? "KEY_FORMAT='AVRO', VALUE_FORMAT='AVRO'" : "KEY_FORMAT='JSON', VALUE_FORMAT='JSON'";
        }

        /** A column's name in ksqlDB: in Avro the field name Debezium gives it (Avro names only). */
        String name(String column) {
            return avro ? AvroFieldNames.of(column) : column;
        }

        String field(String image, String column) {
            return (avro ? "" : q("payload") + "->") + q(image) + "->" + q(name(column));
        }

        String op() {
            return (avro ? "" : q("payload") + "->") + q("op");
        }

        String type(ColumnDefinition c) {
            DebeziumField encoding = DebeziumField.of(c);
            if (avro && DebeziumField.DECIMAL.equals(encoding.logicalName())) {
                // Apicurio's AvroConverter writes Connect's Decimal as Avro's decimal, which ksqlDB reads as DECIMAL.
                int precision = c.precision() != null ? c.precision() : "bigint".equals(c.dataType()) ? 20 : 10;
                return "DECIMAL(" + precision + ", " + encoding.scale() + ")";
            }
            return KsqlStatements.type(c);
        }
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
