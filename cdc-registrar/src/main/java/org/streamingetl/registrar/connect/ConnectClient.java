package org.streamingetl.registrar.connect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Kafka Connect REST API as cdc-registrar uses it. Requests answered 409 (a rebalance is under way) or 5xx,
 * and connection failures, are retried with exponential backoff; anything else is returned or raised at once.
 * Connector configs hold secrets: they are never logged.
 */
public final class ConnectClient {

    private static final Logger LOG = Logger.getLogger(ConnectClient.class);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUrl;
    private final Duration timeout;
    private final int attempts;
    private final Duration initialBackoff;

    public ConnectClient(String baseUrl, Duration timeout, int attempts, Duration initialBackoff) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.initialBackoff = initialBackoff;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The connector's config, or empty when no such connector exists. */
    public Optional<Map<String, String>> config(String connector) {
        Answer answer = send(HttpRequest.newBuilder(uri("/connectors/" + encode(connector) + "/config")).GET(), "GET config");
        if (answer.status == 404) {
            return Optional.empty();
        }
        answer.expect2xx("reading the config of connector " + connector);
        return Optional.of(read(answer.body, STRING_MAP));
    }

    /** Creates or replaces the connector's config; true when it was created. */
    public boolean putConfig(String connector, Map<String, String> config) {
        Answer answer = send(HttpRequest.newBuilder(uri("/connectors/" + encode(connector) + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(config))), "PUT config");
        answer.expect2xx("writing the config of connector " + connector);
        return answer.status == 201;
    }

    /**
     * Validates a config with {@code PUT /connector-plugins/<class>/config/validate}; returns the field errors as
     * {@code field → message}, empty when valid.
     */
    public Map<String, String> validate(String connectorClass, Map<String, String> config) {
        String simple = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        Answer answer = send(HttpRequest.newBuilder(uri("/connector-plugins/" + encode(simple) + "/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(config))), "validate config");
        answer.expect2xx("validating the config of " + connectorClass);
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (JsonNode entry : read(answer.body, JsonNode.class).path("configs")) {
            JsonNode value = entry.path("value");
            for (JsonNode error : value.path("errors")) {
                errors.merge(value.path("name").asText(), error.asText(), (a, b) -> a + "; " + b);
            }
        }
        return errors;
    }

    /** The connector's status document, or empty when no such connector exists. */
    public Optional<JsonNode> status(String connector) {
        Answer answer = send(HttpRequest.newBuilder(uri("/connectors/" + encode(connector) + "/status")).GET(), "GET status");
        if (answer.status == 404) {
            return Optional.empty();
        }
        answer.expect2xx("reading the status of connector " + connector);
        return Optional.of(read(answer.body, JsonNode.class));
    }

    /**
     * The source offsets Kafka Connect committed for the connector ({@code GET /connectors/{name}/offsets}): for
     * Debezium's MySQL/MariaDB connectors one offset with the binlog {@code file} and {@code pos}. Empty when none.
     */
    public Optional<JsonNode> offsets(String connector) {
        Answer answer = send(HttpRequest.newBuilder(uri("/connectors/" + encode(connector) + "/offsets")).GET(),
                "GET offsets");
        if (answer.status == 404) {
            return Optional.empty();
        }
        answer.expect2xx("reading the offsets of connector " + connector);
        JsonNode offsets = read(answer.body, JsonNode.class).path("offsets");
        return offsets.isArray() && !offsets.isEmpty() ? Optional.of(offsets.get(0).path("offset")) : Optional.empty();
    }

    /** Restarts the connector and those of its tasks that failed. */
    public void restartFailed(String connector) {
        Answer answer = send(HttpRequest.newBuilder(uri("/connectors/" + encode(connector)
                + "/restart?includeTasks=true&onlyFailed=true")).POST(HttpRequest.BodyPublishers.noBody()), "restart");
        answer.expect2xx("restarting connector " + connector);
    }

    /** Restarts the connector and all its tasks (an operator's request). */
    public void restartAll(String connector) {
        send(HttpRequest.newBuilder(uri("/connectors/" + encode(connector) + "/restart?includeTasks=true&onlyFailed=false"))
                .POST(HttpRequest.BodyPublishers.noBody()), "restart").expect2xx("restarting connector " + connector);
    }

    public void pause(String connector) {
        send(HttpRequest.newBuilder(uri("/connectors/" + encode(connector) + "/pause"))
                .PUT(HttpRequest.BodyPublishers.noBody()), "pause").expect2xx("pausing connector " + connector);
    }

    public void resume(String connector) {
        send(HttpRequest.newBuilder(uri("/connectors/" + encode(connector) + "/resume"))
                .PUT(HttpRequest.BodyPublishers.noBody()), "resume").expect2xx("resuming connector " + connector);
    }

    private Answer send(HttpRequest.Builder request, String what) {
        Duration backoff = initialBackoff;
        ConnectException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 409 && response.statusCode() < 500) {
                    return new Answer(response.statusCode(), response.body());
                }
                last = new ConnectException("Kafka Connect at " + baseUrl + " answered " + response.statusCode()
                        + " to " + what + ": " + Answer.message(response.body()), true);
            } catch (IOException e) {
                last = new ConnectException("Kafka Connect at " + baseUrl + " is unreachable (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Is it running?", true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted during " + what, false);
            }
            if (attempt < attempts) {
                LOG.debugf("%s; attempt %d of %d, next in %d ms", last.getMessage(), attempt, attempts, backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw last;
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new ConnectException("Kafka Connect at " + baseUrl + " sent an unreadable answer: " + e.getMessage(), false);
        }
    }

    private <T> T read(String body, TypeReference<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new ConnectException("Kafka Connect at " + baseUrl + " sent an unreadable answer: " + e.getMessage(), false);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, String body) {
        void expect2xx(String what) {
            if (status / 100 != 2) {
                throw new ConnectException(what + " failed: Kafka Connect answered " + status + ": " + message(body), false);
            }
        }

        static String message(String body) {
            if (body == null) {
                return "";
            }
            int at = body.indexOf("\"message\":\"");
            if (at >= 0) {
                int end = body.indexOf('"', at + 11);
                return body.substring(at + 11, end < 0 ? body.length() : end);
            }
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }
}
