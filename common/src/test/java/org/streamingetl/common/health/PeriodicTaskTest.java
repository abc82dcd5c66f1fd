package org.streamingetl.common.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void aRunThatThrowsDoesNotEndTheSchedule() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        try {
            timer.scheduleWithFixedDelay(PeriodicTask.guarded("test task", () -> {
                runs.incrementAndGet();
                third.countDown();
                throw new IllegalStateException("every run fails");
            }), 0, 10, TimeUnit.MILLISECONDS);
            assertTrue(third.await(30, TimeUnit.SECONDS), "runs after a failed one: " + runs.get());
        } finally {
            timer.shutdownNow();
        }
    }
}
