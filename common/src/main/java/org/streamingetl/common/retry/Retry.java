package org.streamingetl.common.retry;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Runs a start-up step until it succeeds, waiting between attempts with exponential backoff (doubling from
 * {@code initial} up to {@code max}). The services use it for everything that depends on another process (Kafka,
 * Kafka Connect, the source database, ClickHouse), so they start in any order and heal by themselves.
 */
public final class Retry {

    private static final Logger LOG = Logger.getLogger(Retry.class);

    private final Duration initial;
    private final Duration max;
    private final BooleanSupplier stopping;

    public Retry(Duration initial, Duration max, BooleanSupplier stopping) {
        this.initial = initial;
        this.max = max;
        this.stopping = stopping;
    }

    /**
     * Runs {@code action} until it returns normally; after each failure, {@code onFailure} gets the message
     * ({@code "<what> failed: <reason>"}) and the exception. Returns false when the service stopped first.
     */
    public boolean untilSuccess(String what, Runnable action, BiConsumer<String, RuntimeException> onFailure) {
        Duration backoff = initial;
        while (!stopping.getAsBoolean()) {
            try {
                action.run();
                return true;
            } catch (RuntimeException e) {
                String message = what + " failed: " + e.getMessage();
                onFailure.accept(message, e);
                LOG.warnf("%s; retrying in %d ms", message, backoff.toMillis());
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
        }
        return false;
    }
}
