package org.streamingetl.sink.clickhouse;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The ClickHouse replicas the sink may talk to ({@code sink.clickhouse.url}, comma-separated) and the one it uses
 * now. A request goes to the current replica; when that replica does not answer at all (connection refused, lost,
 * or no answer in time: {@link ClickHouseRequestException#unreachable()}) the same request goes to the next replica
 * in turn, which becomes the current one. A replica that answers with an error is not skipped: the error is the
 * request's. With one URL this is a plain pass-through.
 *
 * @param <T> what the sink holds per replica (the HTTP client of {@link ClickHouseGateway})
 */
public final class ReplicaSet<T> {

    private static final Logger LOG = Logger.getLogger(ReplicaSet.class);

    private final List<String> urls;
    private final List<T> members;
    private int current;

    public ReplicaSet(List<String> urls, Function<String, T> open) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no ClickHouse URL");
        }
        this.urls = List.copyOf(urls);
        this.members = urls.stream().map(open).toList();
    }

    public List<String> urls() {
        return urls;
    }

    public List<T> members() {
        return members;
    }

    public synchronized String currentUrl() {
        return urls.get(current);
    }

    /**
     * Runs {@code action} (given a replica's URL and member) on the current replica, and on the next ones while a
     * replica is unreachable. Throws the last replica's failure when none answers.
     */
    public <R> R call(BiFunction<String, T, R> action) {
        int start;
        synchronized (this) {
            start = current;
        }
        ClickHouseRequestException last = null;
        for (int i = 0; i < urls.size(); i++) {
            int index = (start + i) % urls.size();
            try {
                R result = action.apply(urls.get(index), members.get(index));
                if (index != start) {
                    moveTo(start, index);
                }
                return result;
            } catch (ClickHouseRequestException e) {
                if (!e.unreachable() || urls.size() == 1) {
                    throw e;
                }
                last = e;
                LOG.warnf("ClickHouse replica %s is unreachable (%s); trying replica %s", urls.get(index),
                        e.getMessage(), urls.get((index + 1) % urls.size()));
            }
        }
        throw last;
    }

    private synchronized void moveTo(int from, int to) {
        if (current == from) {
            current = to;
            LOG.warnf("The sink now writes to ClickHouse replica %s (replica %s did not answer); the other replicas "
                    + "get the rows through replication. Nothing to do unless %s stays down", urls.get(to),
                    urls.get(from), urls.get(from));
        }
    }
}
