package org.streamingetl.sink.decode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One decoded row image (Debezium's {@code before} or {@code after}): the values by field position of its
 * {@link RowLayout}. Read-only; a field the record did not carry is absent (not null).
 */
public final class RowImage extends AbstractMap<String, Object> {

    private static final Object ABSENT = new Object();

    private final RowLayout layout;
    private final Object[] values;

    RowImage(RowLayout layout) {
        this.layout = layout;
        this.values = new Object[layout.size()];
        Arrays.fill(values, ABSENT);
    }

    void set(int position, Object value) {
        values[position] = value;
    }

    public RowLayout layout() {
        return layout;
    }

    /** True when the record carried field {@code position} (its value may be null). */
    public boolean has(int position) {
        return values[position] != ABSENT;
    }

    /** The value at {@code position}; null when null or absent. */
    public Object valueAt(int position) {
        Object value = values[position];
        return value == ABSENT ? null : value;
    }

    @Override
    public boolean containsKey(Object key) {
        int position = key instanceof String name ? layout.positionOf(name) : -1;
        return position >= 0 && has(position);
    }

    @Override
    public Object get(Object key) {
        int position = key instanceof String name ? layout.positionOf(name) : -1;
        return position >= 0 ? valueAt(position) : null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && !has(i)) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int i = next;
                        next = advance(i + 1);
                        return new SimpleImmutableEntry<>(layout.names().get(i), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                int n = 0;
                for (int i = 0; i < values.length; i++) {
                    if (has(i)) {
                        n++;
                    }
                }
                return n;
            }
        };
    }
}
