package org.streamingetl.sink.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.config.TopicSelection;

/**
 * The audit of the sink's tables against the announcements: every table cdc-registrar announced (minus those
 * {@code sink.tables.include}/{@code exclude} leave out) must be a table the sink reports, and every table the sink
 * reads must be announced. Pure logic; {@link AuditRunner} feeds it every few seconds.
 *
 * <p>The sink loop knows a table only from its topic's records. An announced table the loop has no status for is
 * reported from its announcement: {@code WAITING_FOR_DATA} while its topic has no record (a table without rows has
 * no topic yet); {@code RUNNING} when the sink's consumer group committed every record of it (nothing new since the
 * sink started); else, after a grace period, {@code UNREAD} — the sink does not read a topic it should, which fails
 * the audit. A table whose topic carries another table as well is {@code REFUSED}, each with
 * the reason, in place of the loop's status for that topic.
 */
public final class TableAudit {

    public static final String WAITING_FOR_DATA = "WAITING_FOR_DATA";
    public static final String REFUSED = "REFUSED";
    public static final String UNREAD = "UNREAD";

    /**
     * What the audit found.
     *
     * @param extra        statuses of announced tables the loop does not report (waiting for data, refused, unread)
     * @param hiddenTopics topics whose loop status is replaced (refused) or irrelevant (no selected table any more)
     * @param mismatches   each difference between the announced and the reported tables, in words; empty when equal
     */
    public enum Progress {
        /** The topic does not exist or holds no record. */
        EMPTY,
        /** The sink's consumer group committed every record. */
        READ,
        /** Records beyond the group's committed offsets. */
        UNREAD
    }

    public record Result(List<SinkTableStatus> extra, Set<String> hiddenTopics, List<String> mismatches) {
        public static final Result NONE = new Result(List.of(), Set.of(), List.of());
    }

    /** What the audit needs to know about the world at one moment. */
    public interface Facts {
        /** Why a topic is refused (it carries several tables), or empty. */
        Optional<String> collision(String topic);

        /** How far the sink's consumer group got in the topic. */
        Progress progress(String topic);

        /** True when {@code what} (a table or topic) has been in its current doubtful state past the grace period. */
        boolean graceOver(String what);
    }

    private final TopicSelection selection;
    private final Function<String, String> clickHouseDatabase;

    public TableAudit(TopicSelection selection, Function<String, String> clickHouseDatabase) {
        this.selection = selection;
        this.clickHouseDatabase = clickHouseDatabase;
    }

    public Result evaluate(Collection<TableCaptured> announced, Collection<SinkTableStatus> loopStatuses, Facts facts) {
        Map<String, SinkTableStatus> loop = new HashMap<>();
        loopStatuses.forEach(s -> loop.put(s.sourceTopic(), s));
        List<SinkTableStatus> extra = new ArrayList<>();
        Set<String> hidden = new HashSet<>();
        List<String> mismatches = new ArrayList<>();
        Set<String> announcedTopics = new HashSet<>();
        Set<String> unselectedTopics = new HashSet<>();
        for (TableCaptured table : announced) {
            String topic = table.topic();
            if (!selection.selected(table.database(), table.table())) {
                unselectedTopics.add(topic);
                continue;
            }
            announcedTopics.add(topic);
            String name = table.qualifiedName();
            String clickHouse = clickHouseDatabase.apply(table.database()) + "." + table.table();
            Optional<String> collision = facts.collision(topic);
            if (collision.isPresent()) {
                hidden.add(topic);
                extra.add(new SinkTableStatus(topic, clickHouse, REFUSED, 0, 0, collision.get(), name));
            } else if (loop.containsKey(topic)) {
                continue;
            } else if (facts.progress(topic) == Progress.EMPTY) {
                extra.add(new SinkTableStatus(topic, clickHouse, WAITING_FOR_DATA, 0, 0, "announced by cdc-registrar; "
                        + "its topic " + topic + " has no change yet (a table without rows has no topic)", name));
            } else if (facts.progress(topic) == Progress.READ) {
                extra.add(new SinkTableStatus(topic, clickHouse, "RUNNING", 0, 0, null, name));
            } else if (!facts.graceOver(name)) {
                extra.add(new SinkTableStatus(topic, clickHouse, WAITING_FOR_DATA, 0, 0,
                        "its topic " + topic + " has changes; the sink is about to read them", name));
            } else {
                String why = "announced table " + name + " is not read by the sink although its topic " + topic
                        + " has changes (is the topic outside the sink's subscription?)";
                extra.add(new SinkTableStatus(topic, clickHouse, UNREAD, 0, 0, why, name));
                mismatches.add(why);
            }
        }
        for (SinkTableStatus status : loopStatuses) {
            String topic = status.sourceTopic();
            if (announcedTopics.contains(topic) || "DROPPED".equals(status.state())) {
                continue;
            }
            if (unselectedTopics.contains(topic)) {
                hidden.add(topic); // read before its announcement said it is left out; no longer subscribed
            } else if (facts.graceOver(topic)) {
                mismatches.add("topic " + topic + " is read by the sink but no table is announced for it (is "
                        + "cdc-registrar running?)");
            }
        }
        mismatches.sort(null);
        return new Result(List.copyOf(extra), Set.copyOf(hidden), List.copyOf(mismatches));
    }
}
