package org.streamingetl.sink.mapping;

/** Quoting of ClickHouse identifiers. */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code `name`}, with backslashes and backticks escaped. */
    public static String quote(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** {@code 'text'}, a string literal. */
    public static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
