package org.streamingetl.registrar.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.streamingetl.registrar.config.RegistrarConfig;

/** Hand-written {@link RegistrarConfig}s with the mapping's defaults, without SmallRye Config or Quarkus. */
final class TestConfig {

    private TestConfig() {
    }

    // TestConfig.X: inside a RegistrarConfig, the simple names mean the interface's own member types
    record Config(String topicPrefix, String kafkaBootstrapServers, TestConfig.Connect connect,
                  TestConfig.Connector connector, TestConfig.Source source) implements RegistrarConfig {

        @Override
        public Optional<String> schemaRegistryUrl() {
            return Optional.empty();
        }

        @Override
        public RegistrarConfig.Api api() {
            return Optional::empty;
        }

        @Override
        public RegistrarConfig.Verify verify() {
            throw new UnsupportedOperationException("not used by these tests");
        }

        Config withTopicPrefix(String prefix) {
            return new Config(prefix, kafkaBootstrapServers, connect, connector, source);
        }

        Config withConnector(TestConfig.Connector newConnector) {
            return new Config(topicPrefix, kafkaBootstrapServers, connect, newConnector, source);
        }

        Config withSource(TestConfig.Source newSource) {
            return new Config(topicPrefix, kafkaBootstrapServers, connect, connector, newSource);
        }
    }

    record Connect(String url, Duration requestTimeout, int attempts, Duration initialBackoff)
            implements RegistrarConfig.Connect {
    }

    record Connector(String name, String flavor, Optional<String> connectorClass, long serverId, String snapshotMode,
                     Optional<String> tableIncludeList, Optional<String> tableExcludeList, Map<String, String> extra,
                     Duration superviseInterval, Duration startTimeout, String passwordProvider, String passwordKey)
            implements RegistrarConfig.Connector {

        @Override
        public Duration resyncSettle() {
            return Duration.ofSeconds(2);
        }

        @Override
        public String format() {
            return "json";
        }

        @Override
        public Optional<String> converterRegistryUrl() {
            return Optional.empty();
        }

        @Override
        public String avroConverterClass() {
            return "org.streamingetl.connect.CachingAvroConverter";
        }

        @Override
        public Optional<String> signalTable() {
            return Optional.empty();
        }

        @Override
        public long maxRowBytes() {
            return 64L * 1024 * 1024;
        }

        Connector withExtra(Map<String, String> newExtra) {
            return new Connector(name, flavor, connectorClass, serverId, snapshotMode, tableIncludeList,
                    tableExcludeList, newExtra, superviseInterval, startTimeout, passwordProvider, passwordKey);
        }

        Connector withTables(String include, String exclude) {
            return new Connector(name, flavor, connectorClass, serverId, snapshotMode, Optional.ofNullable(include),
                    Optional.ofNullable(exclude), extra, superviseInterval, startTimeout, passwordProvider, passwordKey);
        }

        Connector withConnectorClass(String className) {
            return new Connector(name, flavor, Optional.of(className), serverId, snapshotMode, tableIncludeList,
                    tableExcludeList, extra, superviseInterval, startTimeout, passwordProvider, passwordKey);
        }

        Connector withPassword(String provider, String key) {
            return new Connector(name, flavor, connectorClass, serverId, snapshotMode, tableIncludeList,
                    tableExcludeList, extra, superviseInterval, startTimeout, provider, key);
        }
    }

    record Source(String host, int port, String user, Optional<String> password, List<String> databases)
            implements RegistrarConfig.Source {
    }

    /** The defaults of {@link RegistrarConfig}, with password {@code pw}. */
    static Config defaults() {
        return new Config("streaming_etl", "127.0.0.1:9092",
                new Connect("http://127.0.0.1:8083", Duration.ofSeconds(15), 6, Duration.ofMillis(500)),
                new Connector("streaming_ETL_pipeline_MySQL-connector", "auto", Optional.empty(), 184054, "initial",
                        Optional.empty(), Optional.empty(), Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(120),
                        "env", "DEBEZIUM_MYSQL_PASSWORD"),
                new Source("127.0.0.1", 3306, "debezium", Optional.of("pw"), List.of("streaming_etl_db")));
    }
}
