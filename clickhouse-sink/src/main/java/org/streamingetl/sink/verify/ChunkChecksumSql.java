package org.streamingetl.sink.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.mapping.ClickHouseColumn;
import org.streamingetl.sink.mapping.Identifiers;
import org.streamingetl.sink.mapping.TableDefinition;

/**
 * The ClickHouse side of the drift check's canonical form (design.md, "Drift check"; cdc-registrar's
 * {@code SourceChecksum} is the MySQL side): each column's text from its ClickHouse column and its MySQL type, a
 * row as the MD5 of the texts joined with {@code #}, a chunk as count and the sum modulo 2^64 of the rows' first 8
 * MD5 bytes, over the table's current state ({@code FINAL WHERE _deleted = 0}) within the chunk's key range.
 */
public final class ChunkChecksumSql {

    static final Set<String> BYTES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "binary",
            "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "enum", "set", "json", "geometry", "point",
            "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection",
            "geomcollection");
    static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year",
            "bit");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]*");

    private ChunkChecksumSql() {
    }

    /** The query answering {@code count \t checksum} for the marker's chunk of the table. */
    public static String query(TableCaptured captured, TableDefinition definition, VerifyMarker marker) {
        List<String> texts = new ArrayList<>();
        for (String name : marker.columns()) {
            texts.add("ifNull(" + canonical(mysql(captured, name), clickHouse(definition, name)) + ", 'N')");
        }
        String row = texts.size() == 1 ? texts.get(0) : "concat(" + String.join(", '#', ", texts) + ")";
        List<ColumnDefinition> key = captured.primaryKey().stream().map(k -> mysql(captured, k)).toList();
        StringBuilder where = new StringBuilder(TableDefinition.DELETED + " = 0");
        if (marker.lower() != null) {
            where.append(" AND ").append(after(key, marker.lower()));
        }
        if (marker.upper() != null) {
            where.append(" AND NOT ").append(after(key, marker.upper()));
        }
        return "SELECT count(), toString(sum(reinterpretAsUInt64(reverse(unhex(substring(hex(MD5(" + row
                + ")), 1, 16)))))) FROM " + definition.qualifiedName() + " FINAL WHERE " + where;
    }

    /** A column's canonical text (Nullable stays Nullable: the caller maps NULL to {@code N}). */
    static String canonical(ColumnDefinition mysql, ClickHouseColumn column) {
        String col = Identifiers.quote(column.name());
        String type = column.type().replace("LowCardinality(", "").replace("Nullable(", "");
        String t = mysql.dataType().toLowerCase(Locale.ROOT);
        if (BYTES.contains(t)) {
            return "hex(" + col + ")";
        }
        if (t.equals("decimal") || t.equals("numeric")) {
            return "replaceRegexpOne(toString(" + col + "), '(\\\\.[0-9]*[1-9])0+$|\\\\.0+$', '\\\\1')";
        }
        if (t.equals("float") || t.equals("double") || t.equals("real")) {
            return "toString(toFloat64(" + col + "))";
        }
        if (type.startsWith("String")) {
            return col; // DATE/DATETIME/TIMESTAMP written as MySQL's text
        }
        return "toString(" + col + ")";
    }

    /** Keys strictly after the bound, lexicographically over the key's columns. */
    static String after(List<ColumnDefinition> key, List<String> bound) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            StringBuilder term = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                term.append(Identifiers.quote(key.get(j).name())).append(" = ").append(literal(key.get(j), bound.get(j)))
                        .append(" AND ");
            }
            term.append(Identifiers.quote(key.get(i).name())).append(" > ").append(literal(key.get(i), bound.get(i)))
                    .append(')');
            terms.add(term.toString());
        }
        return "(" + String.join(" OR ", terms) + ")";
    }

    /** A bound's canonical text as a ClickHouse literal of the key column. */
    static String literal(ColumnDefinition key, String text) {
        String t = key.dataType().toLowerCase(Locale.ROOT);
        if (BYTES.contains(t)) {
            if (!HEX.matcher(text).matches()) {
                throw new IllegalArgumentException("key bound of " + key.name() + " is not hex: " + text);
            }
            return "unhex('" + text + "')";
        }
        if (INTEGERS.contains(t)) {
            if (!NUMBER.matcher(text).matches()) {
                throw new IllegalArgumentException("key bound of " + key.name() + " is not an integer: " + text);
            }
            return text;
        }
        return Identifiers.literal(text); // DATE/DATETIME/TIMESTAMP: text, converted to the column's type
    }

    private static ColumnDefinition mysql(TableCaptured captured, String name) {
        return captured.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("column " + name + " is not in the announced structure of "
                        + captured.qualifiedName()));
    }

    private static ClickHouseColumn clickHouse(TableDefinition definition, String name) {
        if (definition.options().excluded(name)) {
            throw new IllegalArgumentException("column " + name + " is excluded from ClickHouse table "
                    + definition.qualifiedName() + " by sink.table-options[" + definition.options().index()
                    + "].exclude-columns, so the drift check cannot compare this table (MySQL's checksum covers"
                    + " every column)");
        }
        return definition.sourceColumns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("column " + name + " is not in ClickHouse table "
                        + definition.qualifiedName()));
    }
}
