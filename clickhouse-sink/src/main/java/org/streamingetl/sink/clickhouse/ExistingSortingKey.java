package org.streamingetl.sink.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An existing ClickHouse table's sorting key as {@code system.tables.sorting_key} prints it ({@code id},
 * {@code tenant_id, id}, {@code `a b`, id}): the column names, or empty when it is not a plain list of columns (an
 * expression such as {@code toDate(t)}). The sink writes an existing table by its own sorting key, whatever the
 * options say (they apply only when the sink creates a table).
 */
public final class ExistingSortingKey {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ExistingSortingKey() {
    }

    public static Optional<List<String>> columns(String sortingKey) {
        List<String> columns = new ArrayList<>();
        String rest = sortingKey.strip();
        while (!rest.isEmpty()) {
            String name;
            if (rest.startsWith("`")) {
                StringBuilder quoted = new StringBuilder();
                int i = 1;
                for (; i < rest.length() && rest.charAt(i) != '`'; i++) {
                    char c = rest.charAt(i);
                    if (c == '\\' && i + 1 < rest.length()) {
                        c = rest.charAt(++i);
                    }
                    quoted.append(c);
                }
                if (i >= rest.length()) {
                    return Optional.empty();
                }
                name = quoted.toString();
                rest = rest.substring(i + 1).strip();
            } else {
                int comma = rest.indexOf(',');
                name = (comma < 0 ? rest : rest.substring(0, comma)).strip();
                if (!PLAIN.matcher(name).matches()) {
                    return Optional.empty();
                }
                rest = comma < 0 ? "" : rest.substring(comma);
            }
            columns.add(name);
            if (rest.startsWith(",")) {
                rest = rest.substring(1).strip();
            } else if (!rest.isEmpty()) {
                return Optional.empty();
            }
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(columns));
    }
}
