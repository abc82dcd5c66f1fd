package org.streamingetl.common.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads schemas by id from a schema registry's Confluent-compatible API ({@code GET <url>/schemas/ids/<id>}, as
 * Apicurio Registry serves it at {@code /apis/ccompat/v7}), and registers a writer's schema under a subject
 * ({@code POST <url>/subjects/<subject>/versions}, which answers the id of an equal schema registered before).
 * Readers and writers of Avro records call it once per schema, never per record. Thread-safe.
 */
public final class SchemaRegistryClient {

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    /** {@code baseUrl}: the Confluent-compatible API's root, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public SchemaRegistryClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The schema text of {@code id}; {@link SchemaUnavailableException} when it cannot be had now. */
    public String schema(int id) {
        String url = baseUrl + "/schemas/ids/" + id;
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SchemaUnavailableException("the schema registry at " + baseUrl + " does not answer ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); waiting for it to read schema id " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaUnavailableException("interrupted while fetching schema id " + id + " from " + url, e);
        }
        if (response.statusCode() != 200) {
            // 404 too: a registry that restarts may not have read its storage back yet; the record is not wrong.
            throw new SchemaUnavailableException("the schema registry answered HTTP " + response.statusCode()
                    + " to GET " + url + "; waiting (is SCHEMA_REGISTRY_URL the registry the connector writes to?)");
        }
        try {
            JsonNode body = mapper.readTree(response.body());
            JsonNode schema = body.path("schema");
            if (!schema.isTextual()) {
                throw new SchemaUnavailableException("GET " + url + " answered without a 'schema' text: is "
                        + baseUrl + " a Confluent-compatible API (Apicurio: .../apis/ccompat/v7)?");
            }
            return schema.asText();
        } catch (IOException e) {
            throw new SchemaUnavailableException("GET " + url + " answered with a body that is not JSON: is " + baseUrl
                    + " a Confluent-compatible API (Apicurio: .../apis/ccompat/v7)?", e);
        }
    }

    /**
     * Registers {@code schema} (Avro schema text) under {@code subject} and returns its id; registering an equal
     * schema again answers the same id. {@link SchemaUnavailableException} when the registry cannot be reached or
     * refuses it.
     */
    public int register(String subject, String schema) {
        String url = baseUrl + "/subjects/" + java.net.URLEncoder.encode(subject, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20") + "/versions";
        HttpResponse<byte[]> response;
        try {
            byte[] body = mapper.writeValueAsBytes(java.util.Map.of("schema", schema));
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SchemaUnavailableException("the schema registry at " + baseUrl + " does not answer ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); waiting for it to register the schema of " + subject, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaUnavailableException("interrupted while registering the schema of " + subject, e);
        }
        JsonNode id = null;
        try {
            id = mapper.readTree(response.body()).path("id");
        } catch (IOException e) {
            // reported below with the status
        }
        if (response.statusCode() != 200 || id == null || !id.canConvertToInt()) {
            throw new SchemaUnavailableException("the schema registry answered HTTP " + response.statusCode()
                    + " to POST " + url + " (" + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)
                    + "); waiting (is SCHEMA_REGISTRY_URL a Confluent-compatible API?)");
        }
        return id.asInt();
    }

    @Override
    public String toString() {
        return baseUrl;
    }
}
