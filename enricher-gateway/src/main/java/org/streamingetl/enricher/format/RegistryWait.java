package org.streamingetl.enricher.format;

import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.streamingetl.common.registry.SchemaUnavailableException;

/**
 * Waits out a schema registry that cannot answer now (down, restarting): the call is tried again with a growing
 * pause (0.5 s doubling to 10 s) for up to {@code patience}, each wait logged; nothing is skipped. Past that the
 * {@link SchemaUnavailableException} goes up: the enrichment's Kafka Streams application stops FAILED with that reason
 * and is started again from its committed offsets by the reconciler.
 */
public final class RegistryWait {

    private static final Logger LOG = Logger.getLogger(RegistryWait.class);

    private final Duration patience;

    public RegistryWait(Duration patience) {
        this.patience = patience;
    }

    public <T> T call(String what, Supplier<T> call) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pauseMs = 500;
        while (true) {
            try {
                return call.get();
            } catch (SchemaUnavailableException e) {
                if (System.nanoTime() + pauseMs * 1_000_000L > deadline) {
                    throw e;
                }
                LOG.warnf("%s waits for the schema registry: %s; trying again in %d ms", what, e.getMessage(), pauseMs);
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMs = Math.min(pauseMs * 2, 10_000);
            }
        }
    }
}
