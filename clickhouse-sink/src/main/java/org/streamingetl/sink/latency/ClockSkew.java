package org.streamingetl.sink.latency;

/**
 * The largest amount by which one hop's latency came out negative (the later host's clock is behind the earlier
 * one's) in the last one to two minutes, in seconds; 0 when no delta was negative. Two one-minute windows: the
 * current one and the one before it.
 */
final class ClockSkew {

    private static final long WINDOW_MS = 60_000;

    private long windowStartMs;
    private long currentMaxMs;
    private long previousMaxMs;

    /** A negative delta of {@code behindMs} milliseconds, seen at {@code nowMs}. */
    synchronized void behind(long behindMs, long nowMs) {
        roll(nowMs);
        currentMaxMs = Math.max(currentMaxMs, behindMs);
    }

    /** The largest negative delta of the current and previous window, in seconds. */
    synchronized double seconds(long nowMs) {
        roll(nowMs);
        return Math.max(currentMaxMs, previousMaxMs) / 1000.0;
    }

    private void roll(long nowMs) {
        if (nowMs - windowStartMs >= 2 * WINDOW_MS) {
            previousMaxMs = 0;
            currentMaxMs = 0;
            windowStartMs = nowMs;
        } else if (nowMs - windowStartMs >= WINDOW_MS) {
            previousMaxMs = currentMaxMs;
            currentMaxMs = 0;
            windowStartMs += WINDOW_MS;
        }
    }
}
