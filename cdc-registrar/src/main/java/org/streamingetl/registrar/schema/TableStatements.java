package org.streamingetl.registrar.schema;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.streamingetl.common.topics.TableId;

/**
 * Reads what a DDL statement does to whole tables, beyond the table Debezium names in the schema change event:
 * <ul>
 *   <li>{@code RENAME TABLE a TO b[, c TO d]} and {@code ALTER TABLE a RENAME [TO|AS] b}: {@code a} is gone and
 *       {@code b} holds rows that never had a change event in {@code b}'s topic (a rename onto a name that had
 *       rows, as in the swap of gh-ost and pt-online-schema-change, replaces them);</li>
 *   <li>{@code ALTER TABLE t DROP|TRUNCATE PARTITION}: rows of {@code t} removed without row events;</li>
 *   <li>{@code ALTER TABLE t EXCHANGE PARTITION p WITH TABLE u}: rows moved between {@code t} and {@code u};</li>
 *   <li>MariaDB's {@code ALTER TABLE t CONVERT PARTITION p TO TABLE u} and
 *       {@code ALTER TABLE t CONVERT TABLE u TO PARTITION p}: rows moved between a partition and a table;</li>
 *   <li>{@code DROP TABLE t}: listed as dropped, because {@code t} may exist again by the time the statement is
 *       read (dropped and created again at once, so no announcement shows the gap): its old rows must go. The
 *       caller re-sends such a table only when it had announced it before and it exists now.</li>
 * </ul>
 * Partition statements that only move rows between partitions of one table (ADD, REORGANIZE, COALESCE, REBUILD,
 * REMOVE PARTITIONING) change no row and are not listed.
 *
 * @param touched tables whose announcement must be refreshed beyond those Debezium names (including ones that may
 *                be gone now)
 * @param resend  tables whose rows changed without row events: they must be re-sent (incremental snapshot)
 * @param dropped tables the statement dropped
 */
public record TableStatements(Set<TableId> touched, Set<TableId> resend, Set<TableId> dropped) {

    private static final String NAME = "(?:`(?:[^`]|``)+`|[A-Za-z0-9_$\\u0080-\\uFFFF]+)";
    private static final String QUALIFIED = "(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern RENAME_TABLE = Pattern.compile("^\\s*RENAME\\s+TABLES?\\s+(?:IF\\s+EXISTS\\s+)?",
            FLAGS);
    private static final Pattern RENAME_PAIR = Pattern.compile(
            QUALIFIED + "\\s+(?:WAIT\\s+\\d+\\s+|NOWAIT\\s+)?TO\\s+" + QUALIFIED, FLAGS);
    private static final Pattern DROP_TABLE = Pattern.compile(
            "^\\s*DROP\\s+TABLES?\\s+(?:IF\\s+EXISTS\\s+)?", FLAGS);
    private static final Pattern LISTED = Pattern.compile(QUALIFIED + "\\s*(?:,|$|\\s(?:RESTRICT|CASCADE|WAIT|NOWAIT))",
            FLAGS);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^\\s*ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + QUALIFIED, FLAGS);
    private static final Pattern ALTER_RENAME = Pattern.compile(
            "\\bRENAME\\s+(?!(?:COLUMN|INDEX|KEY)\\b)(?:(?:TO|AS)\\s+)?" + QUALIFIED, FLAGS);
    private static final Pattern DROP_PARTITION = Pattern.compile(
            "\\b(?:DROP|TRUNCATE)\\s+PARTITION\\b", FLAGS);
    private static final Pattern EXCHANGE_PARTITION = Pattern.compile(
            "\\bEXCHANGE\\s+PARTITION\\s+" + NAME + "\\s+WITH\\s+TABLE\\s+" + QUALIFIED, FLAGS);
    private static final Pattern CONVERT_PARTITION = Pattern.compile(
            "\\bCONVERT\\s+PARTITION\\s+" + NAME + "\\s+TO\\s+TABLE\\s+" + QUALIFIED, FLAGS);
    private static final Pattern CONVERT_TABLE = Pattern.compile(
            "\\bCONVERT\\s+TABLE\\s+" + QUALIFIED + "\\s+TO\\s+PARTITION\\b", FLAGS);

    public TableStatements {
        touched = Set.copyOf(touched);
        resend = Set.copyOf(resend);
        dropped = Set.copyOf(dropped);
    }

    private TableStatements(Set<TableId> touched, Set<TableId> resend) {
        this(touched, resend, Set.of());
    }

    /**
     * The effects of one statement; unqualified names are in {@code defaultDatabase} (the schema change event's
     * {@code databaseName}). Any other statement has none.
     */
    public static TableStatements of(String ddl, String defaultDatabase) {
        Set<TableId> touched = new LinkedHashSet<>();
        Set<TableId> resend = new LinkedHashSet<>();
        if (ddl == null) {
            return new TableStatements(touched, resend);
        }
        String statement = ColumnRenames.withoutQuotedText(ddl);
        Matcher rename = RENAME_TABLE.matcher(statement);
        if (rename.find()) {
            Matcher pair = RENAME_PAIR.matcher(statement).region(rename.end(), statement.length());
            while (pair.find()) {
                TableId from = id(pair.group(1), defaultDatabase);
                TableId to = id(pair.group(2), defaultDatabase);
                touched.add(from);
                touched.add(to);
                resend.remove(from);
                resend.add(to);
            }
            return new TableStatements(touched, resend);
        }
        Matcher drop = DROP_TABLE.matcher(statement);
        if (drop.find()) {
            String list = statement.stripTrailing();
            Matcher listed = LISTED.matcher(list).region(drop.end(), list.length());
            Set<TableId> dropped = new LinkedHashSet<>();
            while (listed.find()) {
                dropped.add(id(listed.group(1), defaultDatabase));
            }
            // Not touched: Debezium names the dropped tables it knew; announcing one it never knew would remove a
            // table that is about to be created (DROP TABLE IF EXISTS t; CREATE TABLE t).
            return new TableStatements(touched, resend, dropped);
        }
        Matcher alter = ALTER_TABLE.matcher(statement);
        if (!alter.find()) {
            return new TableStatements(touched, resend);
        }
        TableId table = id(alter.group(1), defaultDatabase);
        String rest = statement.substring(alter.end());
        Matcher renamed = ALTER_RENAME.matcher(rest);
        if (renamed.find()) {
            TableId to = id(renamed.group(1), defaultDatabase);
            touched.add(table);
            touched.add(to);
            resend.add(to);
        }
        if (DROP_PARTITION.matcher(rest).find()) {
            resend.add(table);
        }
        for (Pattern other : new Pattern[] {EXCHANGE_PARTITION, CONVERT_PARTITION, CONVERT_TABLE}) {
            Matcher m = other.matcher(rest);
            if (m.find()) {
                TableId second = id(m.group(1), defaultDatabase);
                touched.add(table);
                touched.add(second);
                resend.add(table);
                resend.add(second);
            }
        }
        return new TableStatements(touched, resend);
    }

    /** {@code db.t}, {@code `d b`.`t.x`} or {@code t} (in the default database). */
    static TableId id(String qualified, String defaultDatabase) {
        String first = null;
        int i = 0;
        StringBuilder part = new StringBuilder();
        while (i < qualified.length()) {
            char c = qualified.charAt(i);
            if (c == '`') {
                int end = i + 1;
                while (end < qualified.length()) {
                    if (qualified.charAt(end) == '`') {
                        if (end + 1 < qualified.length() && qualified.charAt(end + 1) == '`') {
                            part.append('`');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    part.append(qualified.charAt(end));
                    end++;
                }
                i = end + 1;
            } else if (c == '.' && first == null) {
                first = part.toString();
                part.setLength(0);
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    part.append(c);
                }
                i++;
            }
        }
        return first == null ? new TableId(defaultDatabase, part.toString()) : new TableId(first, part.toString());
    }
}
