package org.streamingetl.sink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code sink.table-options}: read as an indexed list from properties and environment variables, and checked. */
class TableOptionsConfigTest {

    private static List<String> problems(Map<String, String> properties) {
        return SinkConfigCheck.problems(SinkConfigCheckTest.config(properties));
    }

    @Test
    void anIndexedListIsReadFromProperties() {
        SinkConfig config = SinkConfigCheckTest.config(Map.of(
                "sink.table-options[0].match", "shop\\.orders",
                "sink.table-options[0].order-by", "tenant_id, id",
                "sink.table-options[0].partition-by", "toYYYYMM(created_at)",
                "sink.table-options[0].exclude-columns", "secret,notes",
                "sink.table-options[1].match", "shop\\..*",
                "sink.table-options[1].exclude-columns", "secret"));
        assertEquals(2, config.tableOptions().size());
        TableOptions first = TableOptions.of(0, config.tableOptions().get(0));
        assertEquals(List.of("tenant_id", "id"), first.orderBy());
        assertEquals("toYYYYMM(created_at)", first.partitionBy());
        assertEquals(Set.of("secret", "notes"), first.excludeColumns());
        TableOptions second = TableOptions.of(1, config.tableOptions().get(1));
        assertEquals(List.of(), second.orderBy());
        assertNull(second.partitionBy());
        assertEquals("sink.table-options[1].order-by", second.property("order-by"));
        assertEquals(List.of(), problems(Map.of("sink.table-options[0].match", "shop\\.orders",
                "sink.table-options[0].order-by", "tenant_id,id")));
    }

    @Test
    void environmentVariablesSetTheList() {
        SinkConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SinkConfig.class)
                .withSources(new EnvConfigSource(Map.of(
                        "SINK_TABLE_OPTIONS_0__MATCH", "streaming_etl_db\\.opt_.*",
                        "SINK_TABLE_OPTIONS_0__ORDER_BY", "tenant_id,id",
                        "SINK_TABLE_OPTIONS_0__PARTITION_BY", "toYYYYMM(created_at)",
                        "SINK_TABLE_OPTIONS_0__EXCLUDE_COLUMNS", "secret"), 300))
                .build()
                .getConfigMapping(SinkConfig.class);
        assertEquals(1, config.tableOptions().size());
        assertEquals("streaming_etl_db\\.opt_.*", config.tableOptions().get(0).match());
        assertEquals(List.of("tenant_id", "id"), config.tableOptions().get(0).orderBy().orElseThrow());
        assertEquals("toYYYYMM(created_at)", config.tableOptions().get(0).partitionBy().orElseThrow());
        assertEquals(List.of("secret"), config.tableOptions().get(0).excludeColumns().orElseThrow());
    }

    @Test
    void anEntryWithoutMatchStopsTheStartNamingIt() {
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> SinkConfigCheckTest.config(Map.of("sink.table-options[0].order-by", "tenant_id,id")));
        assertTrue(e.getMessage().contains("sink.table-options[0].match"), e.getMessage());
    }

    @Test
    void noOptionsByDefault() {
        assertEquals(List.of(), SinkConfigCheckTest.config(Map.of()).tableOptions());
    }

    @Test
    void aMatchThatDoesNotCompileIsNamed() {
        List<String> problems = problems(Map.of("sink.table-options[0].match", "shop\\.(",
                "sink.table-options[0].order-by", "a,id"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("sink.table-options[0].match=shop\\.(: is not a valid regular expression"),
                problems.get(0));
    }

    @Test
    void aBlankMatchOrExpressionIsNamed() {
        assertEquals(List.of("sink.table-options[0].match=' ': must not be empty"), problems(Map.of(
                "sink.table-options[0].match", " ", "sink.table-options[0].order-by", "a,id")));
        assertEquals(List.of("sink.table-options[0].partition-by=' ': must not be empty"), problems(Map.of(
                "sink.table-options[0].match", "shop\\.t", "sink.table-options[0].partition-by", " ")));
    }

    @Test
    void anOrderingColumnCannotBeExcluded() {
        assertEquals(List.of("sink.table-options[0].exclude-columns=tenant_id: column tenant_id is in "
                + "sink.table-options[0].order-by and cannot be excluded"), problems(Map.of(
                "sink.table-options[0].match", "shop\\.t", "sink.table-options[0].order-by", "tenant_id,id",
                "sink.table-options[0].exclude-columns", "tenant_id")));
    }

    @Test
    void anEntryWithoutOptionsIsNamed() {
        assertEquals(List.of("sink.table-options[0].match=shop\\.t: the entry sets no option; set "
                + "sink.table-options[0].order-by, sink.table-options[0].partition-by or "
                + "sink.table-options[0].exclude-columns, or remove the entry"),
                problems(Map.of("sink.table-options[0].match", "shop\\.t")));
    }
}
