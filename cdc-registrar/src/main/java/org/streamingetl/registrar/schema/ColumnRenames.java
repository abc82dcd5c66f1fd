package org.streamingetl.registrar.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the column renames out of an {@code ALTER TABLE} statement, as Debezium puts it in a schema change event's
 * {@code ddl} field: {@code RENAME COLUMN a TO b} (MySQL 8, MariaDB 10.5+) and {@code CHANGE [COLUMN] a b <type>}
 * with a new name. information_schema only shows the result (column {@code a} gone, {@code b} present), which looks
 * the same as a drop plus an add; the statement tells them apart.
 */
public final class ColumnRenames {

    private static final String NAME = "(`(?:[^`]|``)+`|[A-Za-z0-9_$\\u0080-\\uFFFF]+)";
    private static final Pattern ALTER = Pattern.compile("^\\s*ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME_COLUMN = Pattern.compile(
            "\\bRENAME\\s+COLUMN\\s+(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s+TO\\s+" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_COLUMN = Pattern.compile(
            "\\bCHANGE\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s+" + NAME, Pattern.CASE_INSENSITIVE);

    private ColumnRenames() {
    }

    /** Old name to new name, in statement order; empty for any other statement. */
    public static Map<String, String> of(String ddl) {
        Map<String, String> renames = new LinkedHashMap<>();
        if (ddl == null || !ALTER.matcher(ddl).find()) {
            return renames;
        }
        String statement = withoutQuotedText(ddl);
        collect(RENAME_COLUMN.matcher(statement), renames);
        collect(CHANGE_COLUMN.matcher(statement), renames);
        return renames;
    }

    private static void collect(Matcher m, Map<String, String> renames) {
        while (m.find()) {
            String from = unquote(m.group(1));
            String to = unquote(m.group(2));
            if (!from.equalsIgnoreCase(to)) {
                renames.put(from, to);
            }
        }
    }

    /** Blanks string literals and comments, so a default value or comment cannot look like a clause. */
    static String withoutQuotedText(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    out.append("  ");
                    i++;
                    continue;
                }
                out.append(c == quote || quote == '`' ? c : ' ');
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                out.append(c);
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
                i--;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                out.append(" ".repeat(end - i));
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }
}
