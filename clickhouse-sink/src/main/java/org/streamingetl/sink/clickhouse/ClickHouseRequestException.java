package org.streamingetl.sink.clickhouse;

import com.clickhouse.client.api.ServerException;

/**
 * A failed request to ClickHouse, with a message that says what to do. {@link #retriable()} tells whether waiting
 * may help (server down, timeout) or not (bad SQL, wrong password, type mismatch).
 */
public class ClickHouseRequestException extends RuntimeException {

    private final boolean retriable;
    private final boolean unreachable;

    public ClickHouseRequestException(String message, Throwable cause) {
        this(message, cause, true, false);
    }

    private ClickHouseRequestException(String message, Throwable cause, boolean retriable, boolean unreachable) {
        super(message, cause);
        this.retriable = retriable;
        this.unreachable = unreachable;
    }

    private ClickHouseRequestException(String message, Throwable cause, boolean retriable) {
        this(message, cause, retriable, false);
    }

    /** A request that got no answer at all (connection refused, reset or timed out): the server may be down. */
    static ClickHouseRequestException unreachable(String message, Throwable cause) {
        return new ClickHouseRequestException(message, cause, true, true);
    }

    public boolean retriable() {
        return retriable;
    }

    /**
     * True when ClickHouse did not answer (no connection, connection lost, no answer in time), as opposed to an
     * answer that refused the request: {@link ReplicaSet} then tries another replica.
     */
    public boolean unreachable() {
        return unreachable;
    }

    static ClickHouseRequestException of(String url, String what, Throwable cause) {
        if (cause instanceof ClickHouseRequestException e) {
            return e;
        }
        String request = ClickHouseGateway.abbreviate(what);
        if (cause instanceof ServerException server) {
            int code = server.getCode();
            int http = server.getTransportProtocolCode();
            if (ClickHouseErrorCodes.CREDENTIALS.contains(code) || http == 401 || http == 403) {
                return new ClickHouseRequestException("ClickHouse at " + url + " refused the credentials: check "
                        + "CLICKHOUSE_USER and CLICKHOUSE_PASSWORD (sink.clickhouse.user/password)", cause, false);
            }
            if (code == 0) {
                // Servers before 19.x send no X-ClickHouse-Exception-Code header; the client cannot read their reason.
                boolean permanent = http == 400 || http == 404;
                return new ClickHouseRequestException("ClickHouse at " + url + " rejected '" + request + "' with HTTP "
                        + http + " (this server version does not report the reason to the client: see the ClickHouse "
                        + "server's error log)", cause, !permanent);
            }
            return new ClickHouseRequestException("ClickHouse at " + url + " rejected '" + request + "' (code " + code
                    + "): " + firstLine(server.getMessage()), cause, !ClickHouseErrorCodes.PERMANENT.contains(code));
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return unreachable("ClickHouse at " + url + " did not answer '" + request + "': "
                + firstLine(String.valueOf(root.getMessage())) + ". Is the server up? The sink retries with backoff.",
                cause);
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
