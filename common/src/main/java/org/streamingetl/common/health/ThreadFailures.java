package org.streamingetl.common.health;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Remembers the background threads of a service that died of an exception (starter, loop, followers …), so that
 * liveness turns DOWN with the reason instead of the service looking alive with a dead thread.
 */
public final class ThreadFailures {

    private static final Logger LOG = Logger.getLogger(ThreadFailures.class);

    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /** Watches {@code thread}: if it dies of an exception, the exception is logged and kept as its failure. */
    public Thread watch(Thread thread) {
        thread.setUncaughtExceptionHandler((t, e) -> {
            String reason = "thread " + t.getName() + " died: " + e;
            failures.put(t.getName(), reason);
            LOG.error(reason + "; liveness is DOWN, restart the service", e);
        });
        return thread;
    }

    /** A thread that ended without an exception where it should not have. */
    public void ended(String threadName, String reason) {
        failures.put(threadName, "thread " + threadName + " ended: " + reason);
    }

    /** The failures, by thread name (empty while every watched thread is fine). */
    public Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    /** The first failure, if any (for a one-line health reason). */
    public Optional<String> first() {
        return failures.values().stream().sorted().findFirst();
    }
}
