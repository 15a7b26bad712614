package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.soctriage.parse.ParsedEvent;

/**
 * One parsed event as the rules of one log source read it: field values by the rules' names, and
 * the texts keywords search. Values are read once per event and kept, with their lower-cased forms,
 * since several rules test the same fields. A view is used by one thread.
 *
 * <p>{@code soctriage.format}, {@code soctriage.actor_ip} and {@code soctriage.actor_user} (our own
 * namespace) are readable whatever the source.
 */
abstract class EventView {
    static final String FORMAT = "soctriage.format";
    static final String ACTOR_IP = "soctriage.actor_ip";
    static final String ACTOR_USER = "soctriage.actor_user";

    /** what {@link #read} answers for an absent field */
    static final List<String> ABSENT = null;

    final ParsedEvent event;
    /**
     * The prefilter's literals found in this event's scanned texts (ids of its source's
     * {@link LiteralScanner}), or null when they are not known (the whole set of tests then runs).
     */
    long[] found;
    /** the fields read so far, their values and lower-cased values: a few per event, searched in order */
    private String[] names = new String[8];
    private List<String>[] values = newLists(8);
    private List<String>[] lowered = newLists(8);
    private int read;
    private List<String> keywords;
    private List<String> keywordsLowered;

    EventView(ParsedEvent event) {
        this.event = event;
    }

    /** The field's values, or null when the event has no such field; an element may be null (JSON null). */
    abstract List<String> read(String field);

    /** The texts a keyword search reads. */
    abstract List<String> keywordTexts();

    @SuppressWarnings("unchecked")
    private static List<String>[] newLists(int n) {
        return new List[n];
    }

    /** Where the field's values are kept, or -1 when it was not read yet. */
    private int slot(String field) {
        for (int i = 0; i < read; i++) {
            if (names[i] == field || names[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    /** The field's values (null when absent), read once. */
    final List<String> values(String field) {
        int at = slot(field);
        if (at < 0) {
            // keep() may grow the arrays: index the array after it (Java reads the array reference first)
            at = keep(field);
        }
        return values[at];
    }

    private int keep(String field) {
        List<String> v = switch (field) {
            case FORMAT -> List.of(event.format().wire());
            case ACTOR_IP -> event.actorIp() == null ? ABSENT : List.of(event.actorIp());
            case ACTOR_USER -> event.actorUser() == null ? ABSENT : List.of(event.actorUser());
            default -> read(field);
        };
        if (read == names.length) {
            names = java.util.Arrays.copyOf(names, read * 2);
            values = java.util.Arrays.copyOf(values, read * 2);
            lowered = java.util.Arrays.copyOf(lowered, read * 2);
        }
        names[read] = field;
        values[read] = v;
        return read++;
    }

    /** {@link #values} lower-cased, element by element. */
    final List<String> lowered(String field) {
        int at = slot(field);
        if (at < 0) {
            at = keep(field);
        }
        if (lowered[at] == null && values[at] != null) {
            lowered[at] = lower(values[at]);
        }
        return lowered[at];
    }

    final List<String> keywords() {
        if (keywords == null) {
            keywords = keywordTexts();
        }
        return keywords;
    }

    final List<String> keywordsLowered() {
        if (keywordsLowered == null) {
            keywordsLowered = lower(keywords());
        }
        return keywordsLowered;
    }

    private static List<String> lower(List<String> v) {
        if (v.size() == 1) {
            String s = v.get(0);
            return java.util.Collections.singletonList(s == null ? null : s.toLowerCase(Locale.ROOT));
        }
        List<String> out = new ArrayList<>(v.size());
        for (String s : v) {
            out.add(s == null ? null : s.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** One value, or absent when null. */
    static List<String> one(String value) {
        return value == null ? ABSENT : List.of(value);
    }
}
