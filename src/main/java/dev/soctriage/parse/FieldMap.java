package dev.soctriage.parse;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

import dev.soctriage.model.Fields;

/**
 * A parsed event's fields: one slot per {@link Fields} key, read by position rather than by hashing,
 * listed in {@link Fields#ALL} order. Immutable once built; every line has one, and the classifier,
 * the templates and the group read several of its fields.
 */
final class FieldMap extends AbstractMap<String, String> {
    private final String[] values;
    private final int size;

    /** Takes {@code values} (indexed as {@link Fields#ALL}); the caller must not change it afterwards. */
    FieldMap(String[] values) {
        this.values = values;
        int n = 0;
        for (String v : values) {
            n += v != null ? 1 : 0;
        }
        this.size = n;
    }

    @Override
    public String get(Object key) {
        int i = Fields.index(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && values[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> e = new SimpleImmutableEntry<>(Fields.ALL.get(next), values[next]);
                        next = advance(next + 1);
                        return e;
                    }
                };
            }
        };
    }
}
