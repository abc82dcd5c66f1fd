package org.streamingetl.common.config;

import java.util.List;

/**
 * The configuration has values the service cannot run with; thrown at start-up so that the service stops (non-zero
 * exit) instead of running half-started. The message is one line: the problems found, separated by " | ". It has no
 * stack trace: the problem is the configuration, not the code.
 */
public final class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("Invalid configuration: " + String.join(" | ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** One line per invalid property. */
    public List<String> problems() {
        return problems;
    }
}
