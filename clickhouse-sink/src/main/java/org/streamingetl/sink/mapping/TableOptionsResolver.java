package org.streamingetl.sink.mapping;

import org.streamingetl.sink.config.TableOptionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.config.TableOptions;

/**
 * Which {@code sink.table-options} entry applies to a table: the first whose {@code match} (a regular expression)
 * matches the whole {@code <db>.<table>}, as cdc-registrar announced it; none matching gives {@link TableOptions#NONE}.
 */
public final class TableOptionsResolver {

    private final List<Pattern> patterns = new ArrayList<>();
    private final List<TableOptions> options = new ArrayList<>();

    /** Entries already validated by {@code SinkConfigCheck}. */
    public TableOptionsResolver(List<TableOptionSettings> entries) {
        for (int i = 0; i < entries.size(); i++) {
            patterns.add(Pattern.compile(entries.get(i).match().trim()));
            options.add(TableOptions.of(i, entries.get(i)));
        }
    }

    /** No options for any table. */
    public static TableOptionsResolver none() {
        return new TableOptionsResolver(List.of());
    }

    public TableOptions forTable(String database, String table) {
        String name = database + "." + table;
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(name).matches()) {
                return options.get(i);
            }
        }
        return TableOptions.NONE;
    }
}
