package org.streamingetl.sink.status;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.streamingetl.common.control.SinkTableStatus;

/**
 * The latest status of every table, written by the sink loop, read by health checks, metrics and the status
 * announcer: the loop's tables (by topic) merged with the {@link TableAudit}'s result (announced tables the loop does
 * not report, refused ones). Also holds the sink-wide condition (ClickHouse reachable, Kafka polling).
 */
@ApplicationScoped
public class StatusBoard {

    private final Map<String, SinkTableStatus> tables = new ConcurrentHashMap<>();
    private volatile String clickHouseProblem = "not connected yet";
    private volatile java.util.Map<String, String> clickHouseReplicas = java.util.Map.of();
    private volatile String kafkaProblem = "not polled yet";
    private volatile long lastPollNanos;
    private volatile TableAudit.Result audit = TableAudit.Result.NONE;

    /** A table's status as the sink loop sees it. */
    public void update(SinkTableStatus status) {
        tables.put(status.sourceTopic(), status);
    }

    /** The latest audit of the loop's tables against the announced ones. */
    public void audited(TableAudit.Result result) {
        audit = result;
    }

    /** Every table the sink reports: the loop's (but those the audit replaced) and the audit's. */
    public Collection<SinkTableStatus> tables() {
        TableAudit.Result result = audit;
        List<SinkTableStatus> all = new ArrayList<>();
        tables.values().stream().filter(t -> !result.hiddenTopics().contains(t.sourceTopic())).forEach(all::add);
        all.addAll(result.extra());
        return all;
    }

    /** The tables as the sink loop reports them (the audit's input). */
    public Collection<SinkTableStatus> loopTables() {
        return List.copyOf(tables.values());
    }

    public List<SinkTableStatus> halted() {
        return tables().stream().filter(t -> "HALTED".equals(t.state())).toList();
    }

    /** Tables the sink will not write (e.g. two tables share their topic), with the reason. */
    public List<SinkTableStatus> refused() {
        return audit.extra().stream().filter(t -> TableAudit.REFUSED.equals(t.state())).toList();
    }

    /** Each difference between the announced tables and the tables the sink reports; empty when they are equal. */
    public List<String> auditMismatches() {
        return audit.mismatches();
    }

    public void clickHouseOk() {
        clickHouseProblem = null;
    }

    public void clickHouseProblem(String problem) {
        clickHouseProblem = problem;
    }

    /** Null when ClickHouse answered the last request, else why not. */
    public String clickHouseProblem() {
        return clickHouseProblem;
    }

    /** Each ClickHouse replica's URL and state, from the probe; empty with one ClickHouse. */
    public void clickHouseReplicas(java.util.Map<String, String> states) {
        clickHouseReplicas = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
    }

    public java.util.Map<String, String> clickHouseReplicas() {
        return clickHouseReplicas;
    }

    public void polled() {
        lastPollNanos = System.nanoTime();
        kafkaProblem = null;
    }

    public void kafkaProblem(String problem) {
        kafkaProblem = problem;
    }

    public String kafkaProblem() {
        return kafkaProblem;
    }

    public long nanosSinceLastPoll() {
        return lastPollNanos == 0 ? Long.MAX_VALUE : System.nanoTime() - lastPollNanos;
    }
}
