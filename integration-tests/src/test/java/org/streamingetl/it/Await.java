package org.streamingetl.it;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assertions;

/** Bounded waiting for an eventually consistent pipeline. */
public final class Await {

    private Await() {
    }

    /** Polls {@code actual} until it equals {@code expected}, failing with the last value after {@code timeout}. */
    public static <T> void equal(String what, T expected, Callable<T> actual, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = actual.call();
            if (Objects.equals(expected, last)) {
                return;
            }
            Thread.sleep(250);
        }
        Assertions.assertEquals(expected, last, what + " (still different after " + timeout.toSeconds() + " s)");
    }
}
