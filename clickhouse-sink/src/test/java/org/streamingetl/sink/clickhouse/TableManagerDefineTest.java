package org.streamingetl.sink.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.config.SinkConfig;
import org.streamingetl.sink.mapping.ClickHouseColumn;
import org.streamingetl.sink.mapping.DdlBuilder;
import org.streamingetl.sink.mapping.ServerCapabilities;
import org.streamingetl.sink.mapping.TableDefinition;
import org.streamingetl.sink.mapping.TableOptionsResolver;
import org.streamingetl.sink.mapping.TypeMapper;

/**
 * The ClickHouse table an announcement becomes, as configured: its database ({@code sink.clickhouse.database-map})
 * and its options ({@code sink.table-options}); no ClickHouse is needed to define a table.
 */
class TableManagerDefineTest {

    private static final ServerCapabilities LEGACY = ServerCapabilities.forVersion("18.16.1");

    private static SinkConfig config(org.eclipse.microprofile.config.spi.ConfigSource source) {
        return new SmallRyeConfigBuilder().withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SinkConfig.class).withSources(source).build().getConfigMapping(SinkConfig.class);
    }

    private static TableManager manager(SinkConfig config) {
        return new TableManager(null, new TypeMapper(LEGACY), new DdlBuilder(LEGACY),
                config.clickhouse().databaseMap(), new TableOptionsResolver(config.tableOptions()), Duration.ofSeconds(10));
    }

    private static ColumnDefinition column(String name) {
        return new ColumnDefinition(name, 1, "int", "int", null, null, null, null, false, false, List.of());
    }

    private static final TableCaptured ORDERS = new TableCaptured("shop_eu", "orders", "p.shop_eu.orders",
            List.of("id"), List.of(column("id"), column("tenant_id"), column("secret")));

    @Test
    void theDatabaseMapAndTheOptionsShapeTheTable() {
        TableDefinition table = manager(config(new PropertiesConfigSource(Map.of(
                "sink.clickhouse.database-map.shop_eu", "analytics",
                "sink.table-options[0].match", "shop_eu\\.orders",
                "sink.table-options[0].order-by", "tenant_id,id",
                "sink.table-options[0].exclude-columns", "secret"), "test", 500))).define(ORDERS);
        assertEquals("analytics", table.database());
        assertEquals("orders", table.name());
        assertEquals(List.of("id", "tenant_id"), table.sourceColumns().stream().map(ClickHouseColumn::name).toList());
        assertEquals(List.of("tenant_id", "id"), table.sortingKey());
        assertEquals(List.of("id"), table.primaryKey());
    }

    @Test
    void withoutOptionsTheTableKeepsItsNameColumnsAndPrimaryKey() {
        TableDefinition table = manager(config(new PropertiesConfigSource(Map.of(), "test", 500))).define(ORDERS);
        assertEquals("shop_eu", table.database());
        assertEquals(3, table.sourceColumns().size());
        assertEquals(List.of("id"), table.sortingKey());
    }

    /**
     * An environment variable sets the database map only for a database named in lower-case letters and digits:
     * SmallRye Config cannot tell which {@code _} of {@code SINK_CLICKHOUSE_DATABASE_MAP_SHOP_EU} belongs to the name
     * (README, "Table options": use a system property or application.properties then).
     */
    @Test
    void anEnvironmentVariableMapsADatabaseWithoutUnderscores() {
        assertEquals(Map.of("shop", "analytics"), config(new EnvConfigSource(Map.of(
                "SINK_CLICKHOUSE_DATABASE_MAP_SHOP", "analytics"), 300)).clickhouse().databaseMap());
        assertEquals(Map.of(), config(new EnvConfigSource(Map.of(
                "SINK_CLICKHOUSE_DATABASE_MAP_SHOP_EU", "analytics"), 300)).clickhouse().databaseMap());
    }
}
