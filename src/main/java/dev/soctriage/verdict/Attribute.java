package dev.soctriage.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One attribute of an item of the verdict table: its name and how a value is written and read, declared
 * once (as a constant of the item's shape: {@link VerdictItems}, {@link PlanItems}, {@link DeliveryItems},
 * {@link SuppressionItems}) and used by both the writes and the reads. Absent reads as null; a null is
 * not written. No reflection: each codec is two plain functions.
 */
final class Attribute<T> {
    private final String name;
    private final Function<T, AttributeValue> write;
    private final Function<AttributeValue, T> read;

    private Attribute(String name, Function<T, AttributeValue> write, Function<AttributeValue, T> read) {
        this.name = name;
        this.write = write;
        this.read = read;
    }

    static Attribute<String> string(String name) {
        return new Attribute<>(name, AttributeValue::fromS, AttributeValue::s);
    }

    static Attribute<Long> number(String name) {
        return new Attribute<>(name, n -> AttributeValue.fromN(Long.toString(n)), v -> Long.parseLong(v.n()));
    }

    static Attribute<Boolean> bool(String name) {
        return new Attribute<>(name, AttributeValue::fromBool, AttributeValue::bool);
    }

    /** A value written as its text, e.g. an enum by its wire name. */
    static <T> Attribute<T> text(String name, Function<T, String> write, Function<String, T> read) {
        return new Attribute<>(name, v -> AttributeValue.fromS(write.apply(v)), v -> read.apply(v.s()));
    }

    /** An instant as its ISO-8601 text. */
    static Attribute<Instant> instant(String name) {
        return new Attribute<>(name, t -> AttributeValue.fromS(t.toString()), v -> Instant.parse(v.s()));
    }

    /** A list of strings; an attribute that is no list reads as empty. */
    static Attribute<List<String>> strings(String name) {
        return new Attribute<>(name, Attribute::list, v -> v.hasL() ? v.l().stream().map(AttributeValue::s).toList()
                : List.of());
    }

    /** A list of values of a shape of their own, each a map; an attribute that is no list reads as absent. */
    static <E> Attribute<List<E>> maps(String name, Function<E, Map<String, AttributeValue>> write,
            Function<Map<String, AttributeValue>, E> read) {
        return new Attribute<>(name, l -> {
            List<AttributeValue> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(AttributeValue.fromM(write.apply(e))));
            return AttributeValue.fromL(out);
        }, v -> v.hasL() ? v.l().stream().map(e -> read.apply(e.m())).toList() : null);
    }

    /** A value of a shape of its own, as a map; an attribute that is no map reads as absent. */
    static <E> Attribute<E> map(String name, Function<E, Map<String, AttributeValue>> write,
            Function<Map<String, AttributeValue>, E> read) {
        return new Attribute<>(name, e -> AttributeValue.fromM(write.apply(e)),
                v -> v.hasM() ? read.apply(v.m()) : null);
    }

    String name() {
        return name;
    }

    AttributeValue value(T v) {
        return write.apply(v);
    }

    /** Writes {@code v} into {@code item} unless it is null. */
    void put(Map<String, AttributeValue> item, T v) {
        if (v != null) {
            item.put(name, write.apply(v));
        }
    }

    /** The value in {@code item}, or null when absent. */
    T get(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(name);
        return v == null ? null : read.apply(v);
    }

    /** The value in {@code item}, or {@code absent}. */
    T get(Map<String, AttributeValue> item, T absent) {
        T v = get(item);
        return v == null ? absent : v;
    }

    boolean in(Map<String, AttributeValue> item) {
        return item.containsKey(name);
    }

    private static AttributeValue list(List<String> values) {
        List<AttributeValue> l = new ArrayList<>(values.size());
        for (String s : values) {
            l.add(AttributeValue.fromS(s));
        }
        return AttributeValue.fromL(l);
    }
}
