package org.streamingetl.enricher.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.streamingetl.enricher.definition.EnrichmentDefinition.ColumnRef;
import org.streamingetl.enricher.definition.EnrichmentDefinition.Condition;
import org.streamingetl.enricher.definition.EnrichmentDefinition.Filter;
import org.streamingetl.enricher.definition.EnrichmentDefinition.Join;
import org.streamingetl.enricher.definition.EnrichmentDefinition.JoinType;
import org.streamingetl.enricher.definition.EnrichmentDefinition.TableRef;

/**
 * Reads the enrichment definition file (YAML, see docs/enrichments.md). Each enrichment is read on its own: one
 * that is malformed is reported ({@link Result#errors}) and the others are kept.
 */
public final class DefinitionFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern EQUALITY = Pattern.compile("\\s*([\\w$]+)\\.([\\w$]+)\\s*=\\s*([\\w$]+)\\.([\\w$]+)\\s*");
    private static final Pattern FILTER = Pattern.compile(
            "\\s*([\\w$]+)\\s+(IS\\s+NOT\\s+NULL|IS\\s+NULL|=|!=|<>|<=|>=|<|>)\\s*(.*?)\\s*", Pattern.CASE_INSENSITIVE);

    /** The enrichments read, and one error per enrichment that could not be. */
    public record Result(List<EnrichmentDefinition> enrichments, List<String> errors) {
    }

    private DefinitionFile() {
    }

    public static Result parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            return new Result(List.of(), List.of("the definition file is not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        List<EnrichmentDefinition> enrichments = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        JsonNode all = root == null ? null : root.get("enrichments");
        if (all == null || !all.isObject()) {
            return new Result(List.of(), List.of("the definition file needs a map 'enrichments: {<name>: {...}}'"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                enrichments.add(enrichment(entry.getKey(), entry.getValue()));
            } catch (DefinitionException e) {
                errors.add(e.getMessage());
            }
        }
        return new Result(enrichments, errors);
    }

    private static EnrichmentDefinition enrichment(String name, JsonNode node) {
        if (!NAME.matcher(name).matches()) {
            throw new DefinitionException(name, "name", "use letters, digits and _ (it becomes a topic and table name)");
        }
        TableRef source = table(name, "source", text(name, node, "source"));
        List<Join> joins = new ArrayList<>();
        JsonNode joinNodes = node.path("joins");
        for (int i = 0; i < joinNodes.size(); i++) {
            JsonNode j = joinNodes.get(i);
            String field = "joins[" + i + "]";
            TableRef table = table(name, field + ".table", text(name, j, "table"));
            JoinType type;
            try {
                type = JoinType.valueOf(j.path("type").asText("left").toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new DefinitionException(name, field + ".type", "'" + j.path("type").asText() + "' is not left or inner");
            }
            joins.add(new Join(table, type, onClause(name, field + ".on", text(name, j, "on"), table.alias())));
        }
        Map<String, ColumnRef> columns = new LinkedHashMap<>();
        JsonNode columnNodes = node.path("columns");
        if (!columnNodes.isObject() || columnNodes.isEmpty()) {
            throw new DefinitionException(name, "columns", "list the output columns as '<name>: <table>.<column>'");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = columnNodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            if (!NAME.matcher(c.getKey()).matches()) {
                throw new DefinitionException(name, "columns." + c.getKey(), "not a column name");
            }
            columns.put(c.getKey(), columnRef(name, "columns." + c.getKey(), c.getValue().asText()));
        }
        List<String> key = new ArrayList<>();
        JsonNode keyNode = node.path("key");
        if (keyNode.isTextual()) {
            key.add(keyNode.asText());
        } else {
            keyNode.forEach(k -> key.add(k.asText()));
        }
        if (key.isEmpty()) {
            throw new DefinitionException(name, "key", "name the output key column(s)");
        }
        Filter filter = node.hasNonNull("filter") ? filter(name, node.get("filter").asText()) : null;
        return new EnrichmentDefinition(name, source, joins, columns, key, filter);
    }

    private static String text(String name, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new DefinitionException(name, field, "missing");
        }
        return value.asText().trim();
    }

    /** {@code db.table [AS alias]}. */
    private static TableRef table(String name, String field, String text) {
        String[] parts = text.split("\\s+(?i:as)\\s+");
        String qualified = parts[0].trim();
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1 || qualified.indexOf('.', dot + 1) >= 0) {
            throw new DefinitionException(name, field, "'" + text + "' is not db.table");
        }
        String table = qualified.substring(dot + 1);
        return new TableRef(qualified.substring(0, dot), table, parts.length > 1 ? parts[1].trim() : table);
    }

    private static ColumnRef columnRef(String name, String field, String text) {
        String t = text.trim();
        int dot = t.indexOf('.');
        if (dot <= 0 || dot == t.length() - 1) {
            throw new DefinitionException(name, field, "'" + text + "' is not <table>.<column>");
        }
        return new ColumnRef(t.substring(0, dot), t.substring(dot + 1));
    }

    /** {@code a.x = b.id [AND a.y = b.id2]}: the side on the joined table names its key columns. */
    private static List<Condition> onClause(String name, String field, String text, String joined) {
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.split("(?i)\\s+AND\\s+")) {
            Matcher m = EQUALITY.matcher(part);
            if (!m.matches()) {
                throw new DefinitionException(name, field, "'" + part.trim() + "' is not <table>.<column> = <table>.<column>");
            }
            ColumnRef left = new ColumnRef(m.group(1), m.group(2));
            ColumnRef right = new ColumnRef(m.group(3), m.group(4));
            if (right.alias().equals(joined) == left.alias().equals(joined)) {
                throw new DefinitionException(name, field, "'" + part.trim() + "' must compare a column of " + joined
                        + " with a column of a table joined before it");
            }
            ColumnRef key = left.alias().equals(joined) ? left : right;
            conditions.add(new Condition(left.alias().equals(joined) ? right : left, key.column()));
        }
        return conditions;
    }

    static Filter filter(String name, String text) {
        Matcher m = FILTER.matcher(text);
        if (!m.matches()) {
            throw new DefinitionException(name, "filter", "'" + text + "' is not '<column> <op> <literal>' "
                    + "(op = != < <= > >= IS NULL IS NOT NULL)");
        }
        String op = m.group(2).toUpperCase().replaceAll("\\s+", " ").replace("<>", "!=");
        String literal = m.group(3);
        if (op.startsWith("IS")) {
            if (!literal.isEmpty()) {
                throw new DefinitionException(name, "filter", "nothing may follow " + op);
            }
            return new Filter(m.group(1), op, null);
        }
        if (literal.isEmpty()) {
            throw new DefinitionException(name, "filter", "a value must follow " + op);
        }
        return new Filter(m.group(1), op, literal);
    }
}
