package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private final Map<String, List<String>> values = new HashMap<>(8);
    private final Map<String, List<String>> lowered = new HashMap<>(8);
    private List<String> keywords;
    private List<String> keywordsLowered;

    EventView(ParsedEvent event) {
        this.event = event;
    }

    /** The field's values, or null when the event has no such field; an element may be null (JSON null). */
    abstract List<String> read(String field);

    /** The texts a keyword search reads. */
    abstract List<String> keywordTexts();

    /** The field's values (null when absent), read once. */
    final List<String> values(String field) {
        if (values.containsKey(field)) {
            return values.get(field);
        }
        List<String> v = switch (field) {
            case FORMAT -> List.of(event.format().wire());
            case ACTOR_IP -> event.actorIp() == null ? ABSENT : List.of(event.actorIp());
            case ACTOR_USER -> event.actorUser() == null ? ABSENT : List.of(event.actorUser());
            default -> read(field);
        };
        values.put(field, v);
        return v;
    }

    /** {@link #values} lower-cased, element by element. */
    final List<String> lowered(String field) {
        List<String> l = lowered.get(field);
        if (l == null) {
            List<String> v = values(field);
            if (v == null) {
                return null;
            }
            l = lower(v);
            lowered.put(field, l);
        }
        return l;
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
