package org.streamingetl.common.debezium;

/**
 * The Avro field name Debezium gives a column when its converter is Avro: cdc-registrar registers the connector with
 * {@code field.name.adjustment.mode=avro_unicode}, which keeps a name Avro accepts ({@code [A-Za-z_][A-Za-z0-9_]*})
 * and replaces every other character by {@code _u} and its four hex digits ({@code a b} becomes {@code a_u0020b}).
 * The ksqldb engine declares the Avro change events' fields by these names, and names the columns of its Avro output
 * with them; clickhouse-sink maps such a field back to its column.
 */
public final class AvroFieldNames {

    private AvroFieldNames() {
    }

    /** The name as Debezium's {@code avro_unicode} adjustment writes it; an Avro-valid name is returned unchanged. */
    public static String of(String column) {
        StringBuilder out = null;
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!valid && out == null) {
                out = new StringBuilder(column.length() + 8).append(column, 0, i);
            }
            if (out != null) {
                out.append(valid ? String.valueOf(c) : String.format("_u%04x", (int) c));
            }
        }
        return out == null ? column : out.toString();
    }
}
