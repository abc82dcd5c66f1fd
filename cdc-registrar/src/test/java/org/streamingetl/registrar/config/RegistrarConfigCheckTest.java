package org.streamingetl.registrar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cdc-registrar's start-up checks over its real configuration mapping (defaults plus the properties given). */
class RegistrarConfigCheckTest {

    private static List<String> problems(Map<String, String> properties) {
        return RegistrarConfigCheck.problems(new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(RegistrarConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(RegistrarConfig.class));
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void eachInvalidValueIsNamed() {
        assertEquals(List.of("registrar.connector.flavor=postgres: must be one of auto, mysql, mariadb"),
                problems(Map.of("registrar.connector.flavor", "postgres")));
        assertEquals(List.of("registrar.source.port=0: must be between 1 and 65535"),
                problems(Map.of("registrar.source.port", "0")));
        assertEquals(List.of("registrar.connect.attempts=0: must be at least 1"),
                problems(Map.of("registrar.connect.attempts", "0")));
        assertEquals(1, problems(Map.of("registrar.connector.table-include-list", "shop.orders,shop.(")).size());
        assertEquals(List.of(), problems(Map.of("registrar.connector.table-include-list", "shop\\.orders, shop\\.c.*")));
    }
}
