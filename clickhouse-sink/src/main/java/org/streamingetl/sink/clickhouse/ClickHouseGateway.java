package org.streamingetl.sink.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.streamingetl.sink.encode.RowBinaryOutput;
import org.streamingetl.sink.mapping.Identifiers;

/**
 * Everything the sink says to ClickHouse, over HTTP with the official client ({@code client-v2}). Server response
 * compression is off: ClickHouse 18.x answers compressed responses with an empty body. Queries name their output
 * format (TabSeparated) because old servers lack the client's default RowBinaryWithNamesAndTypes.
 * <p>
 * With several URLs (the replicas of a cluster) every request goes to one replica, chosen by {@link ReplicaSet}:
 * the first that answers, and the next one when it stops answering.
 */
public final class ClickHouseGateway implements AutoCloseable {

    private final ReplicaSet<Client> replicas;
    private final Duration timeout;

    public ClickHouseGateway(String url, String user, String password, Duration connectTimeout, Duration socketTimeout) {
        this(List.of(url), user, password, connectTimeout, socketTimeout);
    }

    public ClickHouseGateway(List<String> urls, String user, String password, Duration connectTimeout,
                             Duration socketTimeout) {
        this.timeout = socketTimeout;
        this.replicas = new ReplicaSet<>(urls, url -> new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(connectTimeout.toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(socketTimeout.toMillis(), ChronoUnit.MILLIS)
                .setMaxRetries(0)
                .build());
    }

    /** The URL of the replica requests go to now. */
    public String url() {
        return replicas.currentUrl();
    }

    /** Every replica's URL, in configuration order. */
    public List<String> urls() {
        return replicas.urls();
    }

    /** The server's version, e.g. {@code 18.16.1}; also proves the credentials work. */
    public String serverVersion() {
        return queryText("SELECT version()").trim();
    }

    public void execute(String sql) {
        execute(sql, Map.of());
    }

    /** Runs a statement with server settings (URL parameters of the request, e.g. a timeout of its own). */
    public void execute(String sql, Map<String, String> serverSettings) {
        replicas.call((url, client) -> {
            com.clickhouse.client.api.command.CommandSettings settings = new com.clickhouse.client.api.command.CommandSettings();
            serverSettings.forEach(settings::serverSetting);
            try (var response = await(url, serverSettings.isEmpty() ? client.execute(sql) : client.execute(sql, settings),
                    sql)) {
                return response.getWrittenRows();
            } catch (Exception e) {
                throw ClickHouseRequestException.of(url, sql, e);
            }
        });
    }

    /** Runs a query and returns its TabSeparated output. */
    public String queryText(String sql) {
        return replicas.call((url, client) -> text(url, client, sql));
    }

    /** Column name to type of an existing table, in table order; empty when the table does not exist. */
    public Map<String, String> columns(String database, String table) {
        String text = queryText("SELECT name, type FROM system.columns WHERE database = " + Identifiers.literal(database)
                + " AND table = " + Identifiers.literal(table));
        Map<String, String> columns = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                String[] parts = line.split("\t", 2);
                columns.put(unescapeTsv(parts[0]), unescapeTsv(parts[1]));
            }
        }
        return columns;
    }

    /** The {@code DEFAULT} expression of a column, or empty when it has none. */
    public java.util.Optional<String> defaultExpression(String database, String table, String column) {
        String text = queryText("SELECT default_expression FROM system.columns WHERE database = "
                + Identifiers.literal(database) + " AND table = " + Identifiers.literal(table) + " AND name = "
                + Identifiers.literal(column) + " AND default_kind = 'DEFAULT'");
        String expression = unescapeTsv(text.strip());
        return expression.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(expression);
    }

    /**
     * Inserts a batch of RowBinary rows; returns when ClickHouse acknowledged it. {@code queryId} names the insert
     * in ClickHouse's {@code system.query_log} and in the sink's log when it fails.
     */
    public long insert(String qualifiedTable, List<String> columns, RowBinaryOutput rows, String queryId) {
        List<String> quoted = new ArrayList<>(columns.size());
        columns.forEach(c -> quoted.add(Identifiers.quote(c)));
        String what = "INSERT INTO " + qualifiedTable + " (query id " + queryId + ")";
        return replicas.call((url, client) -> {
            try (InsertResponse response = await(url, client.insert(qualifiedTable, quoted, rows::writeTo,
                    ClickHouseFormat.RowBinary, new InsertSettings().setQueryId(queryId)), what)) {
                return response.getWrittenRows();
            } catch (Exception e) {
                throw ClickHouseRequestException.of(url, what, e);
            }
        });
    }

    /** Runs a query on one replica (by its URL), wherever the other requests go; returns its TabSeparated output. */
    public String queryTextOn(String url, String sql) {
        return text(url, replicas.members().get(replicas.urls().indexOf(url)), sql);
    }

    /** The TabSeparated output of {@code sql} on the replica {@code client} at {@code url}. */
    private String text(String url, Client client, String sql) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        try (QueryResponse response = await(url, client.query(sql, settings), sql);
             InputStream in = response.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw ClickHouseRequestException.of(url, sql, e);
        }
    }

    /** Runs a statement on one replica (by its URL), wherever the other requests go. */
    public void executeOn(String url, String sql) {
        Client client = replicas.members().get(replicas.urls().indexOf(url));
        try (var response = await(url, client.execute(sql), sql)) {
            response.getWrittenRows();
        } catch (Exception e) {
            throw ClickHouseRequestException.of(url, sql, e);
        }
    }

    /** True when the current replica answers a ping. */
    public boolean ping() {
        return ping(replicas.members().get(replicas.urls().indexOf(replicas.currentUrl())));
    }

    /** Each replica's URL and whether it answers a ping, in configuration order. */
    public Map<String, Boolean> pingEach() {
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (int i = 0; i < replicas.urls().size(); i++) {
            answers.put(replicas.urls().get(i), ping(replicas.members().get(i)));
        }
        return answers;
    }

    private boolean ping(Client client) {
        try {
            return client.ping(Math.min(timeout.toMillis(), 5_000));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private <T> T await(String url, java.util.concurrent.CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw ClickHouseRequestException.of(url, what, e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ClickHouseRequestException.unreachable("ClickHouse at " + url + " did not answer '" + abbreviate(what)
                    + "' within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseRequestException("interrupted while waiting for ClickHouse", e);
        }
    }

    static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }

    static String unescapeTsv(String s) {
        return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\'", "'").replace("\\\\", "\\");
    }

    @Override
    public void close() {
        replicas.members().forEach(Client::close);
    }
}
