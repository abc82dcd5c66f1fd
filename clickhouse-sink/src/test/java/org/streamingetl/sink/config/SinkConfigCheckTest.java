package org.streamingetl.sink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sink's start-up checks over its real configuration mapping (defaults plus the properties given). */
public class SinkConfigCheckTest {

    /** The sink's configuration mapping over its defaults and these properties (as Quarkus reads them). */
    public static SinkConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SinkConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(SinkConfig.class);
    }

    private static List<String> problems(Map<String, String> properties) {
        return SinkConfigCheck.problems(config(properties));
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void anIncludePatternThatDoesNotCompileIsNamed() {
        assertEquals(List.of("sink.tables.include=(: is not a valid regular expression (Unclosed group near index 1); "
                + "expected a Java regular expression, e.g. shop\\..*"), problems(Map.of("sink.tables.include", "(")));
        assertEquals(1, problems(Map.of("sink.tables.exclude", "shop\\..*,[a-")).size());
    }

    @Test
    void rangesAreChecked() {
        assertEquals(List.of("sink.kafka.max-poll-records=0: must be at least 1"),
                problems(Map.of("sink.kafka.max-poll-records", "0")));
        assertEquals(List.of("sink.batch.max-rows=-5: must be at least 1"), problems(Map.of("sink.batch.max-rows", "-5")));
        assertEquals(List.of("sink.audit.interval=PT0S: must be longer than 0 (e.g. 500ms, 5s, 2m)"),
                problems(Map.of("sink.audit.interval", "0s")));
        assertEquals(List.of("sink.clickhouse.url=localhost:8123: must be an http(s) URL with a host, e.g. "
                + "http://127.0.0.1:8123"), problems(Map.of("sink.clickhouse.url", "localhost:8123")));
    }

    @Test
    void rulesBetweenPropertiesAreChecked() {
        assertEquals(List.of("sink.kafka.fetch-max-bytes=1048576: must be at least sink.kafka.max-partition-fetch-bytes"
                        + "=8388608 (one request fetches over all partitions)"),
                problems(Map.of("sink.kafka.fetch-max-bytes", "1048576")));
        assertEquals(List.of("sink.retry.max-backoff=PT1S: must be at least sink.retry.initial-backoff=PT5S"),
                problems(Map.of("sink.retry.initial-backoff", "5s", "sink.retry.max-backoff", "1s")));
    }
}
