package org.streamingetl.registrar.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamingetl.registrar.config.RegistrarConfig;

class ConnectorConfigBuilderTest {

    /** The real @ConfigMapping with its defaults, over the given properties. */
    static RegistrarConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RegistrarConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(RegistrarConfig.class);
    }

    @Test
    void mariadbGetsTheMariaDbConnectorAndExactValueModes() {
        Map<String, String> c = ConnectorConfigBuilder.build(config(Map.of("registrar.source.password", "pw")),
                Flavor.mariadb);
        assertEquals("io.debezium.connector.mariadb.MariaDbConnector", c.get("connector.class"));
        assertEquals("streaming_ETL_pipeline_MySQL-connector", c.get("name"));
        assertEquals("streaming_etl_db", c.get("database.include.list"));
        assertEquals("streaming_etl", c.get("topic.prefix"));
        assertEquals("streaming_etl.schema-history", c.get("schema.history.internal.kafka.topic"));
        assertEquals("true", c.get("include.schema.changes"));
        assertEquals("precise", c.get("decimal.handling.mode"));
        assertEquals("precise", c.get("bigint.unsigned.handling.mode"));
        assertEquals("pw", c.get("database.password"));
        assertFalse(c.containsKey("table.include.list"));
    }

    @Test
    void mysqlFlavorFiltersAndPassThroughOverrideDefaults() {
        Map<String, String> c = ConnectorConfigBuilder.build(config(Map.of(
                "registrar.topic-prefix", "shop",
                "registrar.source.databases", "a,b",
                "registrar.connector.table-include-list", "a.orders",
                "registrar.connector.extra.\"poll.interval.ms\"", "10",
                "registrar.connector.extra.\"snapshot.locking.mode\"", "none")), Flavor.mysql);
        assertEquals("io.debezium.connector.mysql.MySqlConnector", c.get("connector.class"));
        assertEquals("a,b", c.get("database.include.list"));
        assertEquals("a.orders", c.get("table.include.list"));
        assertEquals("shop.schema-history", c.get("schema.history.internal.kafka.topic"));
        assertEquals("10", c.get("poll.interval.ms"));
        assertEquals("none", c.get("snapshot.locking.mode"));
    }

    @Test
    void flavorComesFromTheServerVersion() {
        assertEquals(Flavor.mariadb, Flavor.fromVersion("10.11.19-MariaDB-0+deb12u1-log"));
        assertEquals(Flavor.mysql, Flavor.fromVersion("8.4.3"));
    }

    @Test
    void theSameInputsGiveTheSameConfigSoNothingIsRewritten() {
        RegistrarConfig config = config(Map.of("registrar.source.password", "pw"));
        assertEquals(ConnectorConfigBuilder.build(config, Flavor.mysql), ConnectorConfigBuilder.build(config, Flavor.mysql));
    }
}
