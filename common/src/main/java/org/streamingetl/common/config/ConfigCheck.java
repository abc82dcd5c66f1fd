package org.streamingetl.common.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jboss.logging.Logger;

/**
 * Checks a service's configuration at start-up, before any connection is attempted: each check that fails adds one
 * problem naming the property, its value and what is allowed ({@code sink.kafka.max-poll-records=0: must be at
 * least 1}). {@link #orFail()} throws {@link InvalidConfigurationException} with every problem found. Secrets are
 * never checked here (their values must not be printed).
 */
public final class ConfigCheck {

    private static final Logger LOG = Logger.getLogger(ConfigCheck.class);
    private static final Pattern TOPIC_CHARS = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");

    private final List<String> problems = new ArrayList<>();

    /** The problems found so far, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Stops the start-up when there are problems: logs each on one line ({@code Invalid configuration: <property>=
     * <value>: <what is allowed>}) and throws {@link InvalidConfigurationException}, which fails Quarkus' start
     * (non-zero exit).
     */
    public static void enforce(List<String> problems) {
        if (!problems.isEmpty()) {
            problems.forEach(problem -> LOG.error("Invalid configuration: " + problem));
            throw new InvalidConfigurationException(problems);
        }
    }

    /** Adds a problem unless {@code ok}: for rules between properties. */
    public ConfigCheck rule(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
        return this;
    }

    private ConfigCheck problem(String property, Object value, String allowed) {
        problems.add(property + "=" + quoted(value) + ": " + allowed);
        return this;
    }

    private static String quoted(Object value) {
        String text = String.valueOf(value);
        return text.isEmpty() || text.isBlank() || text.contains(" ") ? "'" + text + "'" : text;
    }

    public ConfigCheck atLeast(String property, long value, long min) {
        return value >= min ? this : problem(property, value, "must be at least " + min);
    }

    public ConfigCheck between(String property, long value, long min, long max) {
        return value >= min && value <= max ? this : problem(property, value, "must be between " + min + " and " + max);
    }

    /** A duration longer than zero (and at most {@code Integer.MAX_VALUE} ms, what Kafka and timers take). */
    public ConfigCheck positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            return problem(property, value, "must be longer than 0 (e.g. 500ms, 5s, 2m)");
        }
        return value.toMillis() <= Integer.MAX_VALUE ? this : problem(property, value, "must be at most 24d");
    }

    /** A duration of zero or more. */
    public ConfigCheck notNegative(String property, Duration value) {
        if (value.isNegative()) {
            return problem(property, value, "must not be negative (e.g. 0s, 500ms, 5s)");
        }
        return value.toMillis() <= Integer.MAX_VALUE ? this : problem(property, value, "must be at most 24d");
    }

    public ConfigCheck notBlank(String property, String value) {
        return value != null && !value.isBlank() ? this : problem(property, value, "must not be empty");
    }

    /** A Kafka topic name (prefix): letters, digits, '.', '_' and '-' only, at most 200 characters. */
    public ConfigCheck topicName(String property, String value) {
        if (value == null || !TOPIC_CHARS.matcher(value).matches() || value.length() > 200) {
            return problem(property, value, "must be a Kafka topic name: 1-200 of [A-Za-z0-9._-]");
        }
        return this;
    }

    /** A Java regular expression. */
    public ConfigCheck regex(String property, String value) {
        try {
            Pattern.compile(value);
            return this;
        } catch (PatternSyntaxException e) {
            return problem(property, value, "is not a valid regular expression (" + e.getDescription() + " near index "
                    + e.getIndex() + "); expected a Java regular expression, e.g. shop\\..*");
        }
    }

    /** Each element a Java regular expression (a comma-separated list of them). */
    public ConfigCheck regexes(String property, Optional<? extends Collection<String>> values) {
        values.ifPresent(list -> list.forEach(value -> regex(property, value)));
        return this;
    }

    /** One of the allowed words, in any case. */
    public ConfigCheck oneOf(String property, String value, String... allowed) {
        for (String word : allowed) {
            if (word.equalsIgnoreCase(value)) {
                return this;
            }
        }
        return problem(property, value, "must be one of " + String.join(", ", allowed));
    }

    /** An absolute http(s) URL with a host. */
    public ConfigCheck httpUrl(String property, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return this;
            }
        } catch (Exception e) {
            // reported below
        }
        return problem(property, value, "must be an http(s) URL with a host, e.g. http://127.0.0.1:8123");
    }

    /** Kafka bootstrap servers: a comma-separated list of host:port. */
    public ConfigCheck hostPorts(String property, String value) {
        boolean ok = value != null && !value.isBlank();
        if (ok) {
            for (String server : value.split(",")) {
                String trimmed = server.trim();
                ok &= HOST_PORT.matcher(trimmed).matches()
                        && Integer.parseInt(trimmed.substring(trimmed.lastIndexOf(':') + 1)) <= 65535;
            }
        }
        return ok ? this : problem(property, value, "must be a comma-separated list of host:port, e.g. 127.0.0.1:9092");
    }
}
