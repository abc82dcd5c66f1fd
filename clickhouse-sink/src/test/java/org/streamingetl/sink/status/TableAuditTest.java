package org.streamingetl.sink.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.SinkTableStatus;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.topics.Topics;
import org.streamingetl.sink.config.TopicSelection;

class TableAuditTest {

    private final Topics topics = new Topics("etl");
    private final TableAudit audit = new TableAudit(new TopicSelection("etl", List.of(), List.of(".*\\.debezium_signal")),
            db -> db.equals("shop") ? "analytics" : db);

    private TableCaptured table(String db, String name) {
        return new TableCaptured(db, name, topics.data(db, name), List.of(), List.of());
    }

    private static SinkTableStatus running(String topic, String source) {
        return new SinkTableStatus(topic, source, "RUNNING", 1, 0, null, source);
    }

    private record Facts(Map<String, String> collisions, Set<String> withData, Set<String> read, boolean graceOver)
            implements TableAudit.Facts {
        Facts(Map<String, String> collisions, Set<String> withData, boolean graceOver) {
            this(collisions, withData, Set.of(), graceOver);
        }

        @Override
        public Optional<String> collision(String topic) {
            return Optional.ofNullable(collisions.get(topic));
        }

        @Override
        public TableAudit.Progress progress(String topic) {
            return withData.contains(topic) ? TableAudit.Progress.UNREAD
                    : read.contains(topic) ? TableAudit.Progress.READ : TableAudit.Progress.EMPTY;
        }

        @Override
        public boolean graceOver(String what) {
            return graceOver;
        }
    }

    private static Map<String, String> states(Collection<SinkTableStatus> statuses) {
        return statuses.stream().collect(Collectors.toMap(SinkTableStatus::sourceTable, SinkTableStatus::state));
    }

    @Test
    void equalSetsPass() {
        TableAudit.Result r = audit.evaluate(List.of(table("shop", "weird-name.x"), table("shop", "debezium_signal")),
                List.of(running("etl.shop.weird-name.x", "shop.weird-name.x")), new Facts(Map.of(), Set.of(), true));
        assertEquals(List.of(), r.mismatches());
        assertEquals(List.of(), r.extra(), "the excluded signalling table is not expected");
    }

    @Test
    void anAnnouncedTableWithoutRowsWaitsForData() {
        TableAudit.Result r = audit.evaluate(List.of(table("shop", "empty one")), List.of(),
                new Facts(Map.of(), Set.of(), true));
        assertEquals(List.of(), r.mismatches());
        SinkTableStatus s = r.extra().get(0);
        assertEquals(TableAudit.WAITING_FOR_DATA, s.state());
        assertEquals("etl.shop.empty_one", s.sourceTopic());
        assertEquals("analytics.empty one", s.table());
        assertEquals("shop.empty one", s.sourceTable());
    }

    @Test
    void anAnnouncedTableWhoseTopicHasDataButIsNotReadFailsAfterTheGrace() {
        List<TableCaptured> announced = List.of(table("shop", "weird-name.x"));
        Facts facts = new Facts(Map.of(), Set.of("etl.shop.weird-name.x"), false);
        assertEquals(List.of(), audit.evaluate(announced, List.of(), facts).mismatches(), "within the grace period");
        TableAudit.Result r = audit.evaluate(announced, List.of(),
                new Facts(Map.of(), Set.of("etl.shop.weird-name.x"), true));
        assertEquals(1, r.mismatches().size());
        assertTrue(r.mismatches().get(0).contains("shop.weird-name.x"), r.mismatches().get(0));
        assertEquals(Map.of("shop.weird-name.x", TableAudit.UNREAD), states(r.extra()));
    }

    @Test
    void aTableWhoseTopicTheSinkReadToTheEndIsRunning() {
        TableAudit.Result r = audit.evaluate(List.of(table("shop", "quiet")), List.of(),
                new Facts(Map.of(), Set.of(), Set.of("etl.shop.quiet"), true));
        assertEquals(List.of(), r.mismatches());
        assertEquals(Map.of("shop.quiet", "RUNNING"), states(r.extra()));
    }

    @Test
    void tablesSharingATopicAreEachRefusedInPlaceOfTheLoopsStatus() {
        TableAudit.Result r = audit.evaluate(List.of(table("shop", "a b"), table("shop", "a_b"), table("shop", "t")),
                List.of(new SinkTableStatus("etl.shop.a_b", null, "WAITING_FOR_SCHEMA", 0, 0, "x"),
                        running("etl.shop.t", "shop.t")),
                new Facts(Map.of("etl.shop.a_b", "tables share a topic"), Set.of("etl.shop.a_b"), true));
        assertEquals(Map.of("shop.a b", TableAudit.REFUSED, "shop.a_b", TableAudit.REFUSED), states(r.extra()));
        assertEquals(Set.of("etl.shop.a_b"), r.hiddenTopics());
        assertEquals(List.of(), r.mismatches(), "refused tables are reported, with their reason");
        assertEquals("tables share a topic", r.extra().get(0).lastError());
    }

    @Test
    void aTopicReadWithoutAnnouncementIsADifferenceAfterTheGrace() {
        List<SinkTableStatus> loop = List.of(new SinkTableStatus("etl.shop.ghost", null, "WAITING_FOR_SCHEMA", 0, 0, "w"),
                new SinkTableStatus("etl.shop.gone", "shop.gone", "DROPPED", 0, 0, "dropped"));
        assertEquals(List.of(), audit.evaluate(List.of(), loop, new Facts(Map.of(), Set.of(), false)).mismatches());
        List<String> mismatches = audit.evaluate(List.of(), loop, new Facts(Map.of(), Set.of(), true)).mismatches();
        assertEquals(1, mismatches.size());
        assertTrue(mismatches.get(0).contains("etl.shop.ghost"));
    }
}
