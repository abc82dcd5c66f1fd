package org.streamingetl.common.health;

import org.jboss.logging.Logger;

/**
 * A task for {@code ScheduledExecutorService.scheduleWithFixedDelay}: an executor never runs again a periodic task
 * that threw once, silently. Wrapped here, a failed run is logged (what failed and that it is tried again) and the
 * next run happens as scheduled.
 */
public final class PeriodicTask {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private PeriodicTask() {
    }

    /** {@code task}, with a failed run logged as a failure of {@code what} and the schedule kept. */
    public static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s failed; trying again at its next run: %s", what, e.getMessage());
            }
        };
    }
}
