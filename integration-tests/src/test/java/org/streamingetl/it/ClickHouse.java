package org.streamingetl.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** ClickHouse over plain HTTP, for reading what the sink wrote. */
public final class ClickHouse {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String auth;

    public ClickHouse(Endpoints endpoints) {
        this(endpoints.get("CLICKHOUSE_HTTP_URL"), endpoints.get("CLICKHOUSE_USER"), endpoints.get("CLICKHOUSE_PASSWORD"));
    }

    public ClickHouse(String url, String user, String password) {
        this.url = url;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The current ClickHouse engine of the tests (chdb behind the test-only front of platform/chdb.sh), written by
     * the second sink; null when this run has none (e.g. against a ./deploy.sh stack).
     */
    public static ClickHouse modernOrNull() throws InterruptedException {
        String url = System.getProperty("pipeline.modern.clickhouse", "");
        if (url.isBlank()) {
            return null;
        }
        ClickHouse modern = new ClickHouse(url, "default", "");
        try {
            return modern.rows("SELECT 1") == null ? null : modern;
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs a statement that returns nothing (e.g. TRUNCATE); fails with ClickHouse's answer. */
    public void execute(String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/"))
                .header("Authorization", auth).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse refused '" + sql + "': HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** Rows of a query in TabSeparated form; an error (e.g. the table does not exist yet) gives null. */
    public List<String> rows(String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/?query="
                        + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8)))
                .header("Authorization", auth).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line);
            }
        }
        return rows;
    }
}
