package org.streamingetl.enricher.ksqldb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CONTRACT-TEST STAND-IN for ksqlDB 0.29 (which cannot run on these machines): a local HTTP server answering the
 * REST calls the gateway makes with the response shapes recorded in src/test/resources/ksqldb. It keeps the
 * persistent queries that CREATE ... AS SELECT statements start, so SHOW QUERIES, TERMINATE and DROP behave as
 * ksqlDB's do for the gateway. Every statement received is recorded for the tests to check.
 */
final class KsqlStub implements AutoCloseable {

    private static final Pattern CREATE_AS = Pattern.compile(
            "CREATE TABLE IF NOT EXISTS `([^`]+)`(?: WITH \\(KAFKA_TOPIC='([^']+)'[^)]*\\))? AS SELECT.*", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<String> statements = new ArrayList<>();
    private final Map<String, String[]> queries = new LinkedHashMap<>(); // id -> statement, sink, topic
    private int sequence;
    /** The value SHOW PROPERTIES gives ksql.schema.registry.url (ksqlDB's default is empty). */
    volatile String registryUrl = "";
    /** A statement containing this text is refused with a statement_error. */
    volatile String refuse = "\u0000";

    KsqlStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ksql", this::ksql);
        server.createContext("/status/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/status/".length());
            String queryId = queries.keySet().stream().filter(q -> q.endsWith(id)).findFirst().orElse("");
            reply(ex, 200, fixture("command-status-success.json").replace("%QUERY_ID%", queryId));
        });
        server.createContext("/healthcheck", ex -> reply(ex, 200, fixture("healthcheck.json")));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> created() {
        return statements.stream().filter(s -> s.startsWith("CREATE")).toList();
    }

    private synchronized void ksql(HttpExchange ex) throws IOException {
        JsonNode request = JSON.readTree(ex.getRequestBody());
        String statement = request.path("ksql").asText();
        statements.add(statement);
        if (statement.contains(refuse)) {
            reply(ex, 400, fixture("statement-error.json").replace("%MESSAGE%", "line 1:1: mismatched input 'BOOM'")
                    .replace("%STATEMENT%", escape(statement)));
            return;
        }
        if (statement.equals("SHOW QUERIES;")) {
            List<String> rendered = new ArrayList<>();
            queries.forEach((id, q) -> rendered.add(fixture("query.json").replace("%STATEMENT%", escape(q[0]))
                    .replace("%SINK%", q[1]).replace("%TOPIC%", q[2]).replace("%QUERY_ID%", id)));
            reply(ex, 200, fixture("show-queries.json").replace("%QUERIES%", String.join(",", rendered)));
            return;
        }
        if (statement.equals("SHOW PROPERTIES;")) {
            reply(ex, 200, fixture("show-properties.json").replace("%REGISTRY_URL%", registryUrl));
            return;
        }
        if (statement.startsWith("TERMINATE ")) {
            queries.remove(statement.substring("TERMINATE ".length(), statement.length() - 1));
        }
        sequence++;
        Matcher m = CREATE_AS.matcher(statement);
        String commandId = "stream/" + sequence + "/create";
        if (m.matches()) {
            String sink = m.group(1).toUpperCase();
            String id = "CTAS_" + sink + "_" + sequence;
            queries.put(id, new String[] {statement, sink, m.group(2) == null ? sink : m.group(2)});
            commandId = "table/" + id;
        }
        reply(ex, 200, fixture("command-queued.json").replace("%STATEMENT%", escape(statement))
                .replace("%COMMAND_ID%", commandId).replace("%SEQUENCE%", Integer.toString(sequence)));
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String fixture(String name) {
        try (InputStream in = KsqlStub.class.getResourceAsStream("/ksqldb/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/vnd.ksql.v1+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
