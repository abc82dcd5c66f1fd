package org.streamingetl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Table and column names MySQL accepts only in backquotes — a dot, a dash, spaces, non-ASCII letters, reserved words,
 * 64 characters — arrive in ClickHouse under the same names, value for value after inserts, updates and deletes.
 * Two tables whose names Debezium maps to one topic ({@code a b} and {@code a_b}) are refused with the reason on
 * the sink's status and readiness, without touching the other tables; the tables cdc-registrar announced are the
 * tables the sink reports (the audit), and a table created afterwards keeps flowing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileNamesIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "t64_" + "x".repeat(56) + "_end";
    /** Table → its columns, backquoted, as both databases are asked for them. */
    private static final Map<String, String> TABLES = Map.of(
            "weird-name.x", "`select`, `a b`, `ünï`",
            LONG, "id, `" + "c".repeat(64) + "`",
            "order", "`group`, `from`, `where`",
            "Mïxed Çase", "`Id`, `Wört mit Ümlaut`");
    private static Stack stack;
    private static String db;
    private static String sink;

    @BeforeAll
    static void stackIsReady() throws Exception {
        Endpoints endpoints = Endpoints.load();
        // a run before may have left the refused pair, which keeps the sink not ready
        new MySql(endpoints).execute(dropAll());
        stack = Stack.ready();
        db = stack.endpoints().get("MYSQL_DATABASE");
        sink = stack.endpoints().get("CLICKHOUSE_SINK_URL");
    }

    @AfterAll
    static void dropThePair() throws Exception {
        if (stack != null) {
            stack.mysql().execute("DROP TABLE IF EXISTS `a b`", "DROP TABLE IF EXISTS `a_b`");
        }
    }

    private static String[] dropAll() {
        List<String> drops = new ArrayList<>();
        for (String table : List.of("weird-name.x", LONG, "order", "Mïxed Çase", "a b", "a_b", "hn bystander",
                "created after", "hn empty")) {
            drops.add("DROP TABLE IF EXISTS `" + table + "`");
        }
        return drops.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void hostileNamesArriveValueForValue() throws Exception {
        stack.mysql().execute(
                "CREATE TABLE `weird-name.x` (`select` INT PRIMARY KEY, `a b` TEXT, `ünï` VARCHAR(10))",
                "CREATE TABLE `" + LONG + "` (id INT PRIMARY KEY, `" + "c".repeat(64) + "` VARCHAR(20))",
                "CREATE TABLE `order` (`group` INT, `from` VARCHAR(10), `where` DATE NULL, PRIMARY KEY (`group`, `from`))",
                "CREATE TABLE `Mïxed Çase` (`Id` BIGINT PRIMARY KEY, `Wört mit Ümlaut` VARCHAR(30) NULL)",
                "CREATE TABLE `hn empty` (id INT PRIMARY KEY)");
        stack.mysql().execute(
                "INSERT INTO `weird-name.x` VALUES (1, 'one two', 'äöü'), (2, NULL, 'ß'), (3, 'three', NULL)",
                "INSERT INTO `" + LONG + "` VALUES (1, 'a'), (2, 'b')",
                "INSERT INTO `order` VALUES (1, 'x', '2024-01-31'), (1, 'y', NULL), (2, 'x', '1999-12-31')",
                "INSERT INTO `Mïxed Çase` VALUES (10, 'Grüße'), (11, NULL)");
        assertAllEqual("inserted");
        stack.mysql().execute(
                "UPDATE `weird-name.x` SET `a b` = 'changed', `ünï` = 'ñ' WHERE `select` = 2",
                "DELETE FROM `weird-name.x` WHERE `select` = 3",
                "UPDATE `" + LONG + "` SET `" + "c".repeat(64) + "` = 'b2' WHERE id = 2",
                "DELETE FROM `order` WHERE `group` = 1 AND `from` = 'y'",
                "UPDATE `order` SET `where` = '2000-01-01' WHERE `group` = 2",
                "UPDATE `Mïxed Çase` SET `Wört mit Ümlaut` = 'Tschüß' WHERE `Id` = 11",
                "DELETE FROM `Mïxed Çase` WHERE `Id` = 10");
        assertAllEqual("updated and deleted");
        Await.equal("an announced table without rows is WAITING_FOR_DATA", "WAITING_FOR_DATA",
                () -> sinkStates().get(db + ".hn empty"), CATCH_UP);
        assertAuditHolds();
    }

    @Test
    @Order(2)
    void twoTablesOnOneTopicAreRefusedAndTheOthersFlow() throws Exception {
        stack.mysql().execute("CREATE TABLE `hn bystander` (id INT PRIMARY KEY, step VARCHAR(40))",
                "INSERT INTO `hn bystander` VALUES (1, 'before the pair')",
                "CREATE TABLE `a b` (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO `a b` VALUES (1, 'space')",
                "CREATE TABLE `a_b` (id INT PRIMARY KEY, w INT)",
                "INSERT INTO `a_b` VALUES (1, 42)");
        // 'a b' is refused as soon as it is announced (its topic is a_b's); a_b once its own announcement arrives
        String body = Health.awaitReadiness(sink, 503, "refused:" + db + ".a_b", CATCH_UP);
        assertTrue(body.contains("refused:" + db + ".a b") && body.contains("refused:" + db + ".a_b"), body);
        Await.equal("both tables of the shared topic REFUSED on GET /sink/tables",
                Map.of(db + ".a b", "REFUSED", db + ".a_b", "REFUSED"),
                () -> sinkStates().entrySet().stream().filter(e -> e.getKey().startsWith(db + ".a"))
                        .filter(e -> e.getKey().equals(db + ".a b") || e.getKey().equals(db + ".a_b"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), CATCH_UP);
        JsonNode refused = tables().stream().filter(t -> (db + ".a b").equals(t.path("sourceTable").asText()))
                .findFirst().orElseThrow();
        assertTrue(refused.path("lastError").asText().contains("streaming_etl." + db + ".a_b"), refused.toString());
        String topic = "streaming_etl." + db + ".a_b";
        Await.equal("the refusals on the control topic (SinkTableStatus per table)", true,
                () -> announcedKeys().containsAll(List.of("sink-table/" + topic + "/" + db + ".a b",
                        "sink-table/" + topic + "/" + db + ".a_b")), CATCH_UP);
        assertEquals(List.of("0"), stack.clickhouse().rows("SELECT count() FROM system.tables WHERE database = '" + db
                + "' AND name IN ('a b', 'a_b')"), "nothing of the pair is written");

        stack.mysql().execute("INSERT INTO `hn bystander` VALUES (2, 'after the pair')",
                "INSERT INTO `weird-name.x` VALUES (4, 'four', 'ø')");
        assertTableEqual("hn bystander", "id, step", "the bystander keeps flowing");
        assertTableEqual("weird-name.x", TABLES.get("weird-name.x"), "the other tables are not touched");
        assertAuditHolds();
    }

    @Test
    @Order(3)
    void aTableCreatedAfterwardsFlowsAndTheAuditHolds() throws Exception {
        stack.mysql().execute("CREATE TABLE `created after` (`ключ` INT PRIMARY KEY, `значение` VARCHAR(20))",
                "INSERT INTO `created after` VALUES (1, 'один'), (2, 'два')",
                "UPDATE `created after` SET `значение` = 'три' WHERE `ключ` = 2");
        assertTableEqual("created after", "`ключ`, `значение`", "created after the refusal");
        stack.mysql().execute("DROP TABLE `a b`", "DROP TABLE `a_b`");
        Health.awaitReadiness(sink, 200, "", CATCH_UP);
        assertAuditHolds();
        String body = Http.get(sink + "/q/health/ready");
        assertFalse(body.contains("audit"), body);
    }

    private static void assertAllEqual(String step) throws Exception {
        for (Map.Entry<String, String> table : new TreeMap<>(TABLES).entrySet()) {
            assertTableEqual(table.getKey(), table.getValue(), step);
        }
    }

    private static void assertTableEqual(String table, String columns, String step) throws Exception {
        String order = table.equals("order") ? "`group`, `from`" : columns.split(",")[0];
        List<String> expected = stack.mysql().rows("SELECT " + columns + " FROM `" + table + "` ORDER BY " + order);
        Await.equal("after '" + step + "': ClickHouse " + db + ".`" + table + "` FINAL equals MySQL", expected,
                () -> stack.clickhouse().rows("SELECT " + columns + " FROM " + db + ".`" + table
                        + "` FINAL WHERE _deleted = 0 ORDER BY " + order), CATCH_UP);
    }

    /** The tables cdc-registrar announced (minus the default exclude) equal the tables the sink reports. */
    private static void assertAuditHolds() throws Exception {
        Await.equal("the announced tables equal the tables the sink reports", announced(), () -> {
            TreeSet<String> reported = new TreeSet<>();
            for (JsonNode t : tables()) {
                if (!"DROPPED".equals(t.path("state").asText())) {
                    reported.add(t.path("sourceTable").isTextual() ? t.path("sourceTable").asText()
                            : "(topic " + t.path("sourceTopic").asText() + ")");
                }
            }
            return reported;
        }, CATCH_UP);
        String body = Http.get(sink + "/q/health/ready");
        assertFalse(body.contains("\"audit\""), body);
    }

    private static TreeSet<String> announced() throws Exception {
        TreeSet<String> tables = new TreeSet<>();
        for (String key : announcedKeys()) {
            if (key.startsWith("table/") && !key.endsWith(".debezium_signal")) {
                tables.add(key.substring("table/".length()));
            }
        }
        return tables;
    }

    /** The keys on the control topic, as enricher-gateway follows it. */
    private static TreeSet<String> announcedKeys() throws Exception {
        JsonNode entities = JSON.readTree(Http.get(stack.endpoints().get("ENRICHER_GATEWAY_URL") + "/pipeline/entities"));
        TreeSet<String> keys = new TreeSet<>();
        entities.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<JsonNode> tables() throws Exception {
        List<JsonNode> tables = new ArrayList<>();
        JSON.readTree(Http.get(sink + "/sink/tables")).forEach(tables::add);
        return tables;
    }

    private static Map<String, String> sinkStates() throws Exception {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode t : tables()) {
            if (t.path("sourceTable").isTextual()) {
                states.put(t.path("sourceTable").asText(), t.path("state").asText());
            }
        }
        return states;
    }
}
