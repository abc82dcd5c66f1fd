package org.streamingetl.common.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThreadFailuresTest {

    @Test
    void aWatchedThreadThatDiesOfAnExceptionIsAFailureWithItsReason() throws Exception {
        ThreadFailures threads = new ThreadFailures();
        Thread fine = threads.watch(new Thread(() -> { }, "fine"));
        fine.start();
        fine.join();
        assertEquals(Optional.empty(), threads.first(), "a thread that ends normally is no failure");

        Thread starter = threads.watch(new Thread(() -> Pattern.compile("("), "sink-starter"));
        starter.start();
        starter.join();
        String reason = threads.first().orElseThrow();
        assertTrue(reason.startsWith("thread sink-starter died: java.util.regex.PatternSyntaxException"), reason);
    }
}
