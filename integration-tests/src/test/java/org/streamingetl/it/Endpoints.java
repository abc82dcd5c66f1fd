package org.streamingetl.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The endpoints the stack under test wrote to {@code endpoints.env} ({@code export VAR="value"} lines). */
public final class Endpoints {

    private final Map<String, String> values;

    private Endpoints(Map<String, String> values) {
        this.values = values;
    }

    public static Endpoints load() {
        String file = System.getProperty("pipeline.endpoints");
        if (file == null) {
            throw new IllegalStateException("system property pipeline.endpoints is not set (run through Maven failsafe)");
        }
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                String l = line.trim();
                if (l.startsWith("export ")) {
                    l = l.substring(7);
                }
                int eq = l.indexOf('=');
                if (l.startsWith("#") || eq <= 0) {
                    continue;
                }
                values.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": did platform/stack.sh up run?", e);
        }
        return new Endpoints(values);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** The value of {@code name}, or {@code fallback} when endpoints.env does not have it. */
    public String getOrDefault(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(name + " is missing from endpoints.env");
        }
        return v;
    }
}
