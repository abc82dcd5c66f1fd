package org.streamingetl.registrar.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.streamingetl.common.control.DriftCheck;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.common.verify.ChunkVerified;

/**
 * One table's drift check while it runs and after: its chunks (key bounds, MySQL's count, the marker's attempt) and
 * each sink's answer per chunk. Thread-safe.
 */
final class TableCheck {

    /** A chunk: bounds, MySQL's count, the current marker's attempt and when it was written, the sinks' answers. */
    static final class Chunk {
        final int number;
        final List<String> lower;
        final List<String> upper;
        long sourceRows;
        int attempt;
        Instant writtenAt;
        String failure;
        final Map<String, ChunkVerified> answers = new HashMap<>();

        Chunk(int number, List<String> lower, List<String> upper) {
            this.number = number;
            this.lower = lower;
            this.upper = upper;
        }
    }

    final TableId table;
    final String checkId;
    final Instant startedAt;
    private final List<String> sinks;
    private final Map<Integer, Chunk> chunks = new TreeMap<>();
    private boolean planned;
    private String failure;
    private boolean repairing;
    private Instant finishedAt;

    TableCheck(TableId table, String checkId, Instant startedAt, List<String> sinks) {
        this.table = table;
        this.checkId = checkId;
        this.startedAt = startedAt;
        this.sinks = List.copyOf(sinks);
    }

    synchronized Chunk add(int number, List<String> lower, List<String> upper) {
        Chunk chunk = new Chunk(number, lower, upper);
        chunks.put(number, chunk);
        return chunk;
    }

    synchronized Chunk chunk(int number) {
        return chunks.get(number);
    }

    /** A marker of the chunk was written with MySQL's count. */
    synchronized void written(Chunk chunk, int attempt, long sourceRows, Instant at) {
        chunk.attempt = attempt;
        chunk.sourceRows = sourceRows;
        chunk.writtenAt = at;
        chunk.answers.clear();
    }

    synchronized void planned() {
        planned = true;
    }

    synchronized void fail(String reason) {
        failure = reason;
    }

    synchronized void failChunk(Chunk chunk, String reason) {
        chunk.failure = reason;
    }

    synchronized void repairing() {
        repairing = true;
    }

    /** Records a sink's answer for the chunk's current attempt; false when it is not one this check waits for. */
    synchronized boolean answer(ChunkVerified answer) {
        Chunk chunk = chunks.get(answer.chunk());
        if (chunk == null || chunk.attempt != answer.attempt() || !sinks.contains(answer.sink())) {
            return false;
        }
        chunk.answers.put(answer.sink(), answer);
        return true;
    }

    /** Chunks written longer than {@code timeout} ago that some sink has not answered: failed. */
    synchronized void expire(Instant now, Duration timeout) {
        for (Chunk chunk : chunks.values()) {
            if (chunk.failure == null && chunk.writtenAt != null && chunk.writtenAt.plus(timeout).isBefore(now)) {
                for (String sink : sinks) {
                    if (!chunk.answers.containsKey(sink)) {
                        chunk.failure = "no answer from sink " + sink + " within " + timeout.toSeconds()
                                + " s (is it running and writing " + table + "?)";
                    }
                }
            }
        }
    }

    synchronized String state() {
        if (repairing) {
            return DriftCheck.REPAIRING;
        }
        if (failure != null) {
            return DriftCheck.FAILED;
        }
        boolean complete = planned;
        boolean different = false;
        boolean failed = false;
        for (Chunk chunk : chunks.values()) {
            failed |= chunk.failure != null;
            for (ChunkVerified a : chunk.answers.values()) {
                different |= ChunkVerified.DIFFERENT.equals(a.state());
                failed |= ChunkVerified.FAILED.equals(a.state());
            }
            complete &= chunk.failure != null || chunk.answers.keySet().containsAll(sinks)
                    && chunk.answers.values().stream().noneMatch(a -> ChunkVerified.LATE.equals(a.state()));
        }
        if (!complete) {
            return DriftCheck.RUNNING;
        }
        return different ? DriftCheck.DIFFERENT : failed ? DriftCheck.FAILED : DriftCheck.EQUAL;
    }

    /** The check as announced and answered by the API. */
    synchronized DriftCheck snapshot() {
        String state = state();
        if (!state.equals(DriftCheck.RUNNING) && finishedAt == null) {
            finishedAt = Instant.now();
        }
        long rows = 0;
        List<DriftCheck.Chunk> different = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Chunk chunk : chunks.values()) {
            rows += chunk.answers.isEmpty() ? 0 : chunk.sourceRows;
            if (chunk.failure != null) {
                reasons.add("chunk " + chunk.number + ": " + chunk.failure);
            }
            for (ChunkVerified a : chunk.answers.values()) {
                if (ChunkVerified.DIFFERENT.equals(a.state())) {
                    different.add(new DriftCheck.Chunk(chunk.number, chunk.lower, chunk.upper, a.sourceRows(),
                            a.sinkRows()));
                    break;
                }
                if (ChunkVerified.FAILED.equals(a.state())) {
                    reasons.add("chunk " + chunk.number + " (" + a.sink() + "): " + a.reason());
                }
            }
        }
        String reason = failure != null ? failure : reasons.isEmpty() ? null : String.join("; ", reasons);
        return new DriftCheck(table.toString(), checkId, state, reason, rows, chunks.size(), different,
                startedAt.toString(), finishedAt == null ? null : finishedAt.toString());
    }
}
