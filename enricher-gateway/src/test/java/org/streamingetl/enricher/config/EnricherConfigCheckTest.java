package org.streamingetl.enricher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** enricher-gateway's start-up checks over its real configuration mapping (defaults plus the properties given). */
class EnricherConfigCheckTest {

    private static final String REGISTRY = "http://127.0.0.1:8081/apis/ccompat/v7";

    /** The problems of these properties on top of the defaults and a schema registry (the default format is avro). */
    private static List<String> problems(Map<String, String> properties) {
        Map<String, String> withRegistry = new java.util.HashMap<>(Map.of("enricher.schema-registry-url", REGISTRY));
        withRegistry.putAll(properties);
        return problemsOf(withRegistry);
    }

    private static List<String> problemsOf(Map<String, String> properties) {
        return EnricherConfigCheck.problems(new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(EnricherConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(EnricherConfig.class));
    }

    @Test
    void theDefaultsAreValidGivenARegistry() {
        assertEquals(List.of(), problems(Map.of()));
        assertEquals(List.of(), problemsOf(Map.of("enricher.format", "json")), "json needs no registry");
    }

    @Test
    void eachInvalidValueIsNamed() {
        assertEquals(List.of("enricher.engine=flink: must be one of auto, streams, ksqldb"),
                problems(Map.of("enricher.engine", "flink")));
        assertEquals(List.of("enricher.engine=ksqldb: needs enricher.ksqldb.url (KSQLDB_URL), e.g. http://127.0.0.1:8088"),
                problems(Map.of("enricher.engine", "ksqldb")));
        assertEquals(List.of("enricher.reconcile-interval=PT0S: must be longer than 0 (e.g. 500ms, 5s, 2m)"),
                problems(Map.of("enricher.reconcile-interval", "0s")));
        assertEquals(List.of("enricher.status.sink-urls=sink:8093: must be an http(s) URL with a host, e.g. http://127.0.0.1:8123"),
                problems(Map.of("enricher.status.sink-urls", "http://127.0.0.1:8093 sink:8093")));
        assertEquals(List.of(), problems(Map.of("enricher.status.sink-urls", "none")));
    }

    @Test
    void avroNeedsTheRegistryWithEitherEngine() {
        assertEquals(List.of("enricher.format=avro: needs enricher.schema-registry-url (SCHEMA_REGISTRY_URL), the "
                + "registry's Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7"),
                problemsOf(Map.of()), "avro is the default");
        assertEquals(List.of(), problems(Map.of("enricher.format", "avro")));
        assertEquals(List.of(), problems(Map.of("enricher.format", "avro", "enricher.ksqldb.url", "http://127.0.0.1:8088")),
                "the ksqldb engine (auto picks it when its URL is set) reads and writes Avro too");
        assertEquals(1, problemsOf(Map.of("enricher.format", "avro", "enricher.engine", "ksqldb",
                "enricher.ksqldb.url", "http://127.0.0.1:8088")).size(), "still needs the registry URL");
        assertEquals(List.of("enricher.format=xml: must be one of json, avro"), problems(Map.of("enricher.format", "xml")));
    }
}
