package org.streamingetl.it;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assertions;

/** Bounded waiting for an eventually consistent pipeline. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code actual} until it equals {@code expected}, failing with the last value after {@code timeout}. A poll
     * that throws (the server asked is restarting: a crash test's ClickHouse) counts as not yet; when the last poll
     * threw, that exception is the failure.
     */
    public static <T> void equal(String what, T expected, Callable<T> actual, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception failure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = actual.call();
                failure = null;
            } catch (java.io.IOException e) {
                failure = e;
            }
            if (failure == null && Objects.equals(expected, last)) {
                return;
            }
            Thread.sleep(250);
        }
        if (failure != null) {
            throw new AssertionError(what + ": the last poll failed after " + timeout.toSeconds() + " s", failure);
        }
        Assertions.assertEquals(expected, last, what + " (still different after " + timeout.toSeconds() + " s)");
    }
}
