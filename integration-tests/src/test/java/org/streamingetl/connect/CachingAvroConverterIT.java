package org.streamingetl.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.apicurio.registry.utils.converter.AvroConverter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streamingetl.it.Endpoints;

/**
 * The pipeline's Kafka Connect converter ({@code platform/connect/src}, compiled into Connect's converter plugin by
 * platform/install.sh and the connector's default in Avro) against Apicurio's own AvroConverter, both talking to the
 * stack's real Apicurio Registry with the settings cdc-registrar gives the connector: for every record it writes
 * exactly Apicurio's bytes, the records after a schema's first skip Apicurio's per-record schema lookup, a new
 * schema (a DDL) is registered and written with its own id, and null values are left to Apicurio. Skipped unless the stack runs
 * the registry (PIPELINE_FORMAT=avro).
 */
class CachingAvroConverterIT {

    private static final int RECORDS = 500;
    private static String registryV2;
    private static String ccompat;

    private final String topic = "it.caching_converter.t" + System.nanoTime();
    private AvroConverter<Object> apicurio;
    private CachingAvroConverter caching;

    @BeforeAll
    static void registry() {
        Endpoints endpoints = Endpoints.load();
        registryV2 = endpoints.getOrDefault("SCHEMA_REGISTRY_APICURIO_URL", "");
        ccompat = endpoints.getOrDefault("SCHEMA_REGISTRY_URL", "");
        Assumptions.assumeTrue(!registryV2.isBlank() && !ccompat.isBlank(),
                "the stack under test runs no schema registry (PIPELINE_FORMAT=" + endpoints.getOrDefault("PIPELINE_FORMAT", "json") + ")");
    }

    @BeforeEach
    void converters() {
        // As cdc-registrar configures the connector's value converter (ConnectorConfigBuilder.converters).
        Map<String, Object> config = Map.of(
                "apicurio.registry.url", registryV2,
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.find-latest", "true",
                "apicurio.registry.as-confluent", "true",
                "apicurio.registry.headers.enabled", "false",
                "apicurio.registry.use-id", "contentId");
        apicurio = new AvroConverter<>();
        apicurio.configure(config, false);
        caching = new CachingAvroConverter();
        caching.configure(config, false);
    }

    @AfterEach
    void close() {
        apicurio.close();
        caching.close();
    }

    @Test
    void writesExactlyApicuriosBytesAndLooksTheSchemaUpOnce() {
        Schema schema = rowSchema("v1", false);
        for (int i = 0; i < RECORDS; i++) {
            Struct row = row(schema, i);
            byte[] expected = apicurio.fromConnectData(topic, schema, row);
            byte[] actual = caching.fromConnectData(topic, schema, row);
            assertArrayEquals(expected, actual, "record " + i + " of " + topic);
        }
        assertEquals(1, caching.cachedSchemas(), "the schema's prefix is cached after its first record");
        assertEquals(0, caching.fromConnectData(topic, schema, row(schema, 1))[0], "Confluent wire format: magic byte 0");
    }

    @Test
    void aNewSchemaIsRegisteredAndWrittenWithItsOwnId() throws Exception {
        Schema v1 = rowSchema("v1", false);
        Schema v2 = rowSchema("v2", true); // ALTER TABLE ... ADD COLUMN: Debezium hands over a new schema object
        byte[] first = caching.fromConnectData(topic, v1, row(v1, 1));
        byte[] second = caching.fromConnectData(topic, v2, row(v2, 2));
        byte[] firstAgain = caching.fromConnectData(topic, v1, row(v1, 3));
        assertNotEquals(schemaId(first), schemaId(second), "the new schema has its own id");
        assertEquals(schemaId(first), schemaId(firstAgain), "the old schema object keeps its id");
        assertArrayEquals(apicurio.fromConnectData(topic, v2, row(v2, 2)), second);
        assertArrayEquals(apicurio.fromConnectData(topic, v1, row(v1, 3)), firstAgain);
        assertEquals(2, caching.cachedSchemas());
        String versions = get(ccompat + "/subjects/" + topic + "-value/versions");
        assertEquals("[1,2]", versions.replace(" ", ""), "both schemas registered under " + topic + "-value");
    }

    @Test
    void nullValuesGoThroughApicurioAndAreNotCached() {
        assertNull(caching.fromConnectData(topic, null, null), "a tombstone (Debezium sends it without a schema)");
        Schema optional = SchemaBuilder.struct().name("it.caching_converter.Envelope").optional()
                .field("id", Schema.INT64_SCHEMA).build();
        assertArrayEquals(apicurio.fromConnectData(topic, optional, null), caching.fromConnectData(topic, optional, null),
                "a null value of an optional schema: whatever Apicurio writes");
        assertEquals(0, caching.cachedSchemas());
    }

    /** A row schema as Debezium builds one (a struct of the table's columns; DECIMAL as Connect's Decimal). */
    private static Schema rowSchema(String version, boolean withAddedColumn) {
        SchemaBuilder b = SchemaBuilder.struct().name("it.caching_converter.Value").version(version.equals("v1") ? 1 : 2)
                .field("id", Schema.INT64_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("amount", Decimal.builder(2).build())
                .field("flag", Schema.BOOLEAN_SCHEMA);
        if (withAddedColumn) {
            b.field("added", Schema.OPTIONAL_INT32_SCHEMA);
        }
        return b.build();
    }

    private static Struct row(Schema schema, int i) {
        Struct s = new Struct(schema).put("id", (long) i).put("name", i % 7 == 0 ? null : "name ✓ " + i)
                .put("amount", BigDecimal.valueOf(i * 101L - 5000, 2)).put("flag", i % 2 == 0);
        if (schema.field("added") != null) {
            s.put("added", i);
        }
        return s;
    }

    private static int schemaId(byte[] confluentWire) {
        return ByteBuffer.wrap(Arrays.copyOfRange(confluentWire, 1, 5)).getInt();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }
}
