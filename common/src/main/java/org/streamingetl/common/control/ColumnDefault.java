package org.streamingetl.common.control;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A column's default in MySQL, as cdc-registrar reads it from {@code information_schema.COLUMNS}.
 *
 * <ul>
 *   <li>{@link Kind#NONE}: no default (a NOT NULL column without one; MySQL then uses the type's implicit value:
 *       0, the empty string, the first value of an ENUM);</li>
 *   <li>{@link Kind#NULL}: {@code DEFAULT NULL} (also a NULL-able column without a default);</li>
 *   <li>{@link Kind#VALUE}: a constant; {@code value} is the value as MySQL reads it, in MySQL's text form,
 *       unquoted and unescaped (e.g. {@code 1.500000}, {@code it's}, {@code 2024-02-29 10:00:00.5}, {@code a,c} for a
 *       SET, {@code 5} for {@code BIT} {@code b'101'});</li>
 *   <li>{@link Kind#EXPRESSION}: anything whose value is not a constant known here ({@code CURRENT_TIMESTAMP},
 *       {@code (expr)}, and a constant TIMESTAMP, which MySQL converts with the time zone of the session that wrote
 *       the DDL); {@code value} is the expression's text.</li>
 * </ul>
 *
 * @param kind  what the default is
 * @param value the constant's or the expression's text; null for {@code NONE} and {@code NULL}
 */
public record ColumnDefault(Kind kind, String value) {

    public static final ColumnDefault NONE = new ColumnDefault(Kind.NONE, null);
    public static final ColumnDefault NULL = new ColumnDefault(Kind.NULL, null);

    public enum Kind { NONE, NULL, VALUE, EXPRESSION }

    public ColumnDefault {
        kind = kind == null ? Kind.NONE : kind;
        if ((kind == Kind.VALUE || kind == Kind.EXPRESSION) && value == null) {
            throw new IllegalArgumentException(kind + " default without a value");
        }
        if (kind == Kind.NONE || kind == Kind.NULL) {
            value = null;
        }
    }

    public static ColumnDefault value(String text) {
        return new ColumnDefault(Kind.VALUE, text);
    }

    public static ColumnDefault expression(String text) {
        return new ColumnDefault(Kind.EXPRESSION, text);
    }

    /** True for a default the values of existing rows cannot be derived from (the table is re-sent instead). */
    @JsonIgnore
    public boolean isExpression() {
        return kind == Kind.EXPRESSION;
    }
}
