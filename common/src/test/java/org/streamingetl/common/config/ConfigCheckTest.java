package org.streamingetl.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

    @Test
    void validValuesGiveNoProblem() {
        ConfigCheck check = new ConfigCheck()
                .atLeast("a", 1, 1).between("b", 65535, 1, 65535)
                .positive("c", Duration.ofMillis(1)).notNegative("d", Duration.ZERO)
                .regex("e", "shop\\..*").regexes("f", Optional.of(List.of("a", "b|c")))
                .oneOf("g", "MariaDB", "auto", "mysql", "mariadb")
                .httpUrl("h", "http://127.0.0.1:8123").hostPorts("i", "127.0.0.1:9092, kafka:29092")
                .topicName("j", "streaming_etl").notBlank("k", "x").rule(true, "never");
        assertEquals(List.of(), check.problems());
    }

    @Test
    void eachProblemIsOneLineNamingThePropertyTheValueAndWhatIsAllowed() {
        ConfigCheck check = new ConfigCheck()
                .atLeast("sink.kafka.max-poll-records", 0, 1)
                .regex("sink.tables.include", "(")
                .between("registrar.source.port", 70000, 1, 65535)
                .positive("sink.audit.interval", Duration.ZERO)
                .notNegative("sink.batch.max-wait", Duration.ofSeconds(-1))
                .oneOf("enricher.engine", "flink", "auto", "streams", "ksqldb")
                .httpUrl("sink.clickhouse.url", "127.0.0.1:8123")
                .hostPorts("sink.kafka.bootstrap-servers", "localhost")
                .topicName("sink.topic-prefix", "a b")
                .notBlank("sink.kafka.group-id", " ");
        List<String> problems = check.problems();
        assertEquals(List.of(
                "sink.kafka.max-poll-records=0: must be at least 1",
                "sink.tables.include=(: is not a valid regular expression (Unclosed group near index 1); expected a "
                        + "Java regular expression, e.g. shop\\..*",
                "registrar.source.port=70000: must be between 1 and 65535",
                "sink.audit.interval=PT0S: must be longer than 0 (e.g. 500ms, 5s, 2m)",
                "sink.batch.max-wait=PT-1S: must not be negative (e.g. 0s, 500ms, 5s)",
                "enricher.engine=flink: must be one of auto, streams, ksqldb",
                "sink.clickhouse.url=127.0.0.1:8123: must be an http(s) URL with a host, e.g. http://127.0.0.1:8123",
                "sink.kafka.bootstrap-servers=localhost: must be a comma-separated list of host:port, e.g. 127.0.0.1:9092",
                "sink.topic-prefix='a b': must be a Kafka topic name: 1-200 of [A-Za-z0-9._-]",
                "sink.kafka.group-id=' ': must not be empty"), problems);
        problems.forEach(p -> assertTrue(!p.contains("\n"), p));
    }

    @Test
    void enforceThrowsWithEveryProblemOnOneLine() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ConfigCheck.enforce(List.of("a=0: must be at least 1", "b=x: must be one of y")));
        assertEquals("Invalid configuration: a=0: must be at least 1 | b=x: must be one of y", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "the configuration is the problem, not the code");
        ConfigCheck.enforce(List.of());
    }
}
