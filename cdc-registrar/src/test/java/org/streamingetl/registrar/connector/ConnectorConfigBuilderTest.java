package org.streamingetl.registrar.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamingetl.registrar.config.RegistrarConfig;

class ConnectorConfigBuilderTest {

    private static final TestConfig.Config DEFAULTS = TestConfig.defaults();

    @Test
    void theFlavorChoosesTheConnectorClass() {
        assertEquals("io.debezium.connector.mariadb.MariaDbConnector",
                ConnectorConfigBuilder.build(DEFAULTS, Flavor.mariadb).get("connector.class"));
        assertEquals("io.debezium.connector.mysql.MySqlConnector",
                ConnectorConfigBuilder.build(DEFAULTS, Flavor.mysql).get("connector.class"));
    }

    @Test
    void anExplicitConnectorClassWinsOverTheFlavor() {
        TestConfig.Config config = DEFAULTS.withConnector(DEFAULTS.connector().withConnectorClass("com.example.Mine"));
        assertEquals("com.example.Mine", ConnectorConfigBuilder.build(config, Flavor.mariadb).get("connector.class"));
    }

    @Test
    void sourceAndTopicsComeFromTheConfiguration() {
        TestConfig.Config config = DEFAULTS.withTopicPrefix("shop")
                .withSource(new TestConfig.Source("db.internal", 3307, "cdc", Optional.of("s3cret"), List.of("a", "b")));
        Map<String, String> c = ConnectorConfigBuilder.build(config, Flavor.mysql);
        assertEquals("db.internal", c.get("database.hostname"));
        assertEquals("3307", c.get("database.port"));
        assertEquals("cdc", c.get("database.user"));
        assertEquals("${env:DEBEZIUM_MYSQL_PASSWORD}", c.get("database.password"), "a reference, not the password");
        assertEquals("a,b", c.get("database.include.list"));
        assertEquals("shop", c.get("topic.prefix"));
        assertEquals("shop.schema-history", c.get("schema.history.internal.kafka.topic"));
        assertEquals("127.0.0.1:9092", c.get("schema.history.internal.kafka.bootstrap.servers"));
        assertEquals("184054", c.get("database.server.id"));
    }

    @Test
    void schemaChangesAndExactValueModesAreAlwaysOn() {
        Map<String, String> c = ConnectorConfigBuilder.build(DEFAULTS, Flavor.mariadb);
        assertEquals("true", c.get("include.schema.changes"));
        assertEquals("precise", c.get("decimal.handling.mode"));
        assertEquals("precise", c.get("bigint.unsigned.handling.mode"));
        assertEquals("adaptive_time_microseconds", c.get("time.precision.mode"));
        assertEquals("bytes", c.get("binary.handling.mode"));
        assertEquals("none", c.get("skipped.operations"), "TRUNCATE events must reach the sink");
        assertEquals("streaming_etl_db.debezium_signal", c.get("signal.data.collection"));
        assertEquals("source", c.get("signal.enabled.channels"));
        assertEquals("streaming_etl.notifications", c.get("notification.sink.topic.name"));
        assertEquals("streaming_etl.schema-history", c.get("schema.history.internal.kafka.topic"));
        assertEquals("streaming_etl_db", c.get("database.include.list"));
    }

    @Test
    void tableFiltersAreSetOnlyWhenConfigured() {
        Map<String, String> none = ConnectorConfigBuilder.build(DEFAULTS, Flavor.mysql);
        assertFalse(none.containsKey("table.include.list"));
        assertFalse(none.containsKey("table.exclude.list"));
        Map<String, String> some = ConnectorConfigBuilder.build(
                DEFAULTS.withConnector(DEFAULTS.connector().withTables("a.orders", "a.tmp_.*")), Flavor.mysql);
        assertEquals("a.orders", some.get("table.include.list"));
        assertEquals("a.tmp_.*", some.get("table.exclude.list"));
    }

    @Test
    void extraPropertiesPassThroughAndOverrideDefaults() {
        Map<String, String> c = ConnectorConfigBuilder.build(DEFAULTS.withConnector(DEFAULTS.connector()
                .withExtra(Map.of("poll.interval.ms", "10", "snapshot.locking.mode", "none"))), Flavor.mysql);
        assertEquals("10", c.get("poll.interval.ms"));
        assertEquals("none", c.get("snapshot.locking.mode"));
        assertEquals("50", ConnectorConfigBuilder.build(DEFAULTS, Flavor.mysql).get("poll.interval.ms"));
        assertEquals("zstd", ConnectorConfigBuilder.build(DEFAULTS, Flavor.mysql).get("producer.override.compression.type"));
    }

    @Test
    void connectRetriesARecordWhoseConversionMayPassUntilItDoes() {
        Map<String, String> c = ConnectorConfigBuilder.build(DEFAULTS, Flavor.mysql);
        assertEquals("-1", c.get("errors.retry.timeout"), "a registry outage is waited out, not a failed task");
        assertEquals("30000", c.get("errors.retry.delay.max.ms"));
        assertEquals("0", ConnectorConfigBuilder.build(DEFAULTS.withConnector(DEFAULTS.connector()
                .withExtra(Map.of("errors.retry.timeout", "0"))), Flavor.mysql).get("errors.retry.timeout"));
    }

    @Test
    void theNameIsTheConfiguredOneEvenIfExtraTriesToChangeIt() {
        Map<String, String> c = ConnectorConfigBuilder.build(
                DEFAULTS.withConnector(DEFAULTS.connector().withExtra(Map.of("name", "other"))), Flavor.mysql);
        assertEquals("streaming_ETL_pipeline_MySQL-connector", c.get("name"));
    }

    @Test
    void thePasswordIsAReferenceToTheConfiguredProvider() {
        TestConfig.Config file = DEFAULTS.withConnector(DEFAULTS.connector()
                .withPassword("file", "/etc/connect/secrets.properties:dbz"));
        assertEquals("${file:/etc/connect/secrets.properties:dbz}",
                ConnectorConfigBuilder.build(file, Flavor.mysql).get("database.password"));
        TestConfig.Config none = DEFAULTS.withConnector(DEFAULTS.connector().withPassword("none", "ignored"));
        assertEquals("pw", ConnectorConfigBuilder.build(none, Flavor.mysql).get("database.password"),
                "provider none: the password itself, for a worker without config providers");
    }

    @Test
    void aProviderNameThatCannotBeOneIsRefused() {
        TestConfig.Config bad = DEFAULTS.withConnector(DEFAULTS.connector().withPassword("env}${x", "K"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectorConfigBuilder.build(bad, Flavor.mysql));
        assertTrue(e.getMessage().contains("registrar.connector.password-provider"), e.getMessage());
    }

    @Test
    void jsonKeepsTheWorkersConvertersAndAvroSetsApicuriosWithAvroSafeNames() {
        Map<String, String> json = ConnectorConfigBuilder.build(DEFAULTS, Flavor.mariadb);
        assertFalse(json.containsKey("value.converter"), "json: the worker's JsonConverter with schemas");
        assertFalse(json.containsKey("field.name.adjustment.mode"));

        Map<String, String> avro = ConnectorConfigBuilder.converters(format("avro", Optional.of("http://r:8081/apis/registry/v2")));
        for (String side : new String[] {"key", "value"}) {
            assertEquals("org.streamingetl.connect.CachingAvroConverter", avro.get(side + ".converter"),
                    "the pipeline's caching subclass of Apicurio's AvroConverter by default");
            assertEquals("http://r:8081/apis/registry/v2", avro.get(side + ".converter.apicurio.registry.url"));
            assertEquals("true", avro.get(side + ".converter.apicurio.registry.as-confluent"), "Confluent wire format");
            assertEquals("false", avro.get(side + ".converter.apicurio.registry.headers.enabled"), "the id in the value");
            assertEquals("contentId", avro.get(side + ".converter.apicurio.registry.use-id"), "ids as ccompat serves them");
            assertEquals("true", avro.get(side + ".converter.apicurio.registry.auto-register"));
        }
        assertEquals("avro_unicode", avro.get("field.name.adjustment.mode"), "names like 'a b' become valid, no collisions");
        assertEquals("avro_unicode", avro.get("schema.name.adjustment.mode"));
        assertEquals(".*", avro.get("column.propagate.source.type"), "each column's own name reaches the sink");
    }

    @Test
    void apicuriosOwnAvroConverterCanBeChosen() {
        RegistrarConfig.Connector base = format("avro", Optional.of("http://r:8081/apis/registry/v2"));
        RegistrarConfig.Connector apicurio = (RegistrarConfig.Connector) Proxy.newProxyInstance(
                RegistrarConfig.Connector.class.getClassLoader(), new Class<?>[] {RegistrarConfig.Connector.class},
                (proxy, method, args) -> method.getName().equals("avroConverterClass")
                        ? " io.apicurio.registry.utils.converter.AvroConverter " : method.invoke(base, args));
        assertEquals("io.apicurio.registry.utils.converter.AvroConverter",
                ConnectorConfigBuilder.converters(apicurio).get("value.converter"));
    }

    @Test
    void avroWithoutARegistryOrAnUnknownFormatIsRefusedWithTheFix() {
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class,
                () -> ConnectorConfigBuilder.converters(format("avro", Optional.empty())));
        assertTrue(noUrl.getMessage().contains("SCHEMA_REGISTRY_APICURIO_URL"), noUrl.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ConnectorConfigBuilder.converters(format("protobuf", Optional.empty())));
        assertTrue(unknown.getMessage().contains("json or avro"), unknown.getMessage());
    }

    /** The default connector settings with another format and converter registry URL. */
    private static RegistrarConfig.Connector format(String format, Optional<String> url) {
        RegistrarConfig.Connector base = DEFAULTS.connector();
        return (RegistrarConfig.Connector) Proxy.newProxyInstance(RegistrarConfig.Connector.class.getClassLoader(),
                new Class<?>[] {RegistrarConfig.Connector.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "format" -> format;
                    case "converterRegistryUrl" -> url;
                    default -> method.invoke(base, args);
                });
    }

    @Test
    void aMissingPasswordIsEmptyNotNull() {
        TestConfig.Config config = DEFAULTS.withConnector(DEFAULTS.connector().withPassword("none", "")).withSource(
                new TestConfig.Source("h", 3306, "u", Optional.empty(), List.of("db")));
        assertEquals("", ConnectorConfigBuilder.build(config, Flavor.mysql).get("database.password"));
    }

    @Test
    void theSameInputsGiveAnEqualConfigSoNothingIsRewritten() {
        assertEquals(ConnectorConfigBuilder.build(TestConfig.defaults(), Flavor.mysql),
                ConnectorConfigBuilder.build(TestConfig.defaults(), Flavor.mysql));
        assertEquals(true, ConfigDiff.between(ConnectorConfigBuilder.build(TestConfig.defaults(), Flavor.mysql),
                ConnectorConfigBuilder.build(TestConfig.defaults(), Flavor.mysql)).isEmpty());
    }

    @Test
    void theProducerAndTheTopicsAcceptTheLargestRecordOfTheLargestRow() {
        Map<String, String> c = ConnectorConfigBuilder.build(DEFAULTS, Flavor.mariadb);
        // 64 MiB row: an UPDATE of a BYTES column is 2 x 4/3 x 64 MiB, plus 1 MiB of envelope.
        assertEquals("180005546", c.get("producer.override.max.request.size"));
        assertEquals("180005546", c.get("topic.creation.default.max.message.bytes"));
        assertEquals("181054122", c.get("producer.override.buffer.memory"), "the producer's buffer must hold one record");
    }
}
