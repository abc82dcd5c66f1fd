package org.streamingetl.registrar.connector;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between the desired connector config and the one in Kafka Connect. Only changed keys are named,
 * never values: configs hold passwords.
 */
public record ConfigDiff(Set<String> added, Set<String> removed, Set<String> changed) {

    public static ConfigDiff between(Map<String, String> existing, Map<String, String> desired) {
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        desired.forEach((key, value) -> {
            if (!existing.containsKey(key)) {
                added.add(key);
            } else if (!existing.get(key).equals(value)) {
                changed.add(key);
            }
        });
        existing.keySet().stream().filter(key -> !desired.containsKey(key)).forEach(removed::add);
        return new ConfigDiff(added, removed, changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    @Override
    public String toString() {
        return "added " + added + ", removed " + removed + ", changed " + changed;
    }
}
