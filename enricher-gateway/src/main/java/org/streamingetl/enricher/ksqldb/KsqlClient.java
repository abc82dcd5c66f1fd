package org.streamingetl.enricher.ksqldb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ksqlDB's REST API (0.29): {@code POST /ksql} for statements, {@code GET /status/{commandId}} until a command
 * finished, {@code GET /healthcheck}. Content type {@code application/vnd.ksql.v1+json}.
 */
public final class KsqlClient {

    private static final String CONTENT_TYPE = "application/vnd.ksql.v1+json";

    /** A persistent query: its id, the statement that created it, the topics it writes, and its state. */
    public record Query(String id, String statement, List<String> sinkTopics, String state) {
    }

    private final String url;
    private final Duration commandTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    public KsqlClient(String url, Duration commandTimeout) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.commandTimeout = commandTimeout;
    }

    public String url() {
        return url;
    }

    /** Runs a statement and, when it is a command, waits until ksqlDB finished it. */
    public void execute(String statement) {
        JsonNode entities = post(statement);
        for (JsonNode entity : entities) {
            if ("currentStatus".equals(entity.path("@type").asText())) {
                awaitCommand(statement, entity.path("commandId").asText(), entity.path("commandStatus"));
            }
        }
    }

    public List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode entity : post("SHOW QUERIES;")) {
            for (JsonNode q : entity.path("queries")) {
                List<String> topics = new ArrayList<>();
                q.path("sinkKafkaTopics").forEach(t -> topics.add(t.asText()));
                queries.add(new Query(q.path("id").asText(), q.path("queryString").asText(), topics,
                        q.path("state").asText("UNKNOWN")));
            }
        }
        return queries;
    }

    /**
     * The server's configuration as {@code SHOW PROPERTIES} lists it (ksqlDB 0.29: a {@code properties} entity whose
     * {@code properties} is a list of {@code name}/{@code scope}/{@code value}; older servers answered a map of
     * names to values, read too). Empty when the answer holds no property list.
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (JsonNode entity : post("SHOW PROPERTIES;")) {
            JsonNode list = entity.path("properties");
            if (list.isArray()) {
                list.forEach(p -> properties.put(p.path("name").asText(), p.path("value").isNull() ? ""
                        : p.path("value").asText("")));
            } else if (list.isObject()) {
                list.fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().isNull() ? ""
                        : e.getValue().asText("")));
            }
        }
        return properties;
    }

    /** Null when ksqlDB answers healthy, else why not. */
    public String problem() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/healthcheck"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = mapper.readTree(response.body());
            return response.statusCode() == 200 && body.path("isHealthy").asBoolean(false) ? null
                    : "ksqlDB at " + url + " is not healthy: " + response.body();
        } catch (IOException e) {
            return "ksqlDB at " + url + " does not answer: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private JsonNode post(String statement) {
        try {
            String body = mapper.writeValueAsString(Map.of("ksql", statement,
                    "streamsProperties", Map.of("ksql.streams.auto.offset.reset", "earliest")));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/ksql"))
                    .timeout(commandTimeout).header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = mapper.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new KsqlException("ksqlDB at " + url + " refused '" + abbreviate(statement) + "' (HTTP "
                        + response.statusCode() + ", error " + answer.path("error_code").asText("?") + "): "
                        + answer.path("message").asText(response.body()));
            }
            return answer;
        } catch (IOException e) {
            throw new KsqlException("ksqlDB at " + url + " did not answer '" + abbreviate(statement) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KsqlException("interrupted", e);
        }
    }

    private void awaitCommand(String statement, String commandId, JsonNode status) {
        long deadline = System.nanoTime() + commandTimeout.toNanos();
        JsonNode current = status;
        while (true) {
            String state = current.path("status").asText();
            if (state.equals("SUCCESS")) {
                return;
            }
            if (state.equals("ERROR") || state.equals("TERMINATED")) {
                throw new KsqlException("ksqlDB command " + commandId + " for '" + abbreviate(statement) + "' ended "
                        + state + ": " + current.path("message").asText());
            }
            if (System.nanoTime() > deadline) {
                throw new KsqlException("ksqlDB command " + commandId + " for '" + abbreviate(statement)
                        + "' is still " + state + " after " + commandTimeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/status/" + commandId))
                        .timeout(Duration.ofSeconds(10)).header("Accept", CONTENT_TYPE).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                current = mapper.readTree(response.body());
            } catch (IOException e) {
                throw new KsqlException("ksqlDB at " + url + " did not answer the status of command " + commandId, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KsqlException("interrupted", e);
            }
        }
    }

    static String abbreviate(String statement) {
        String one = statement.replaceAll("\\s+", " ");
        return one.length() > 100 ? one.substring(0, 100) + "..." : one;
    }
}
