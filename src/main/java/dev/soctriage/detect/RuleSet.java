package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.parse.ParsedEvent;

/**
 * Every loaded per-event rule, compiled once and indexed so that an event runs only the rules that
 * can match it: per {@link Source}, the rules an indexed field's exact value names
 * ({@code eventName} for CloudTrail, {@code program} for Linux), the rules a literal of the text
 * gates, and the few that no atom gates ({@link Gates}). One pass of a {@link LiteralScanner} per
 * event finds the literals of every rule's values at once; inside a rule that runs, a value whose
 * literal was not found is not even tried. Immutable and shared by all threads.
 */
final class RuleSet {
    private static final int[] NONE = new int[0];

    private final List<CompiledRule> rules;
    /** each rule's detection with the ids of its values' literals ({@link Expr.Field#literals}) */
    private final Expr[] detections;
    private final Map<Format, List<Bucket>> byFormat = new EnumMap<>(Format.class);

    /** The rules of one source and their index. */
    private static final class Bucket {
        final Source source;
        final String indexField;
        final long[] always;
        final Map<String, long[]> byKey = new HashMap<>();
        /** the rules some literal gates: all candidates when the text cannot be scanned faithfully */
        final long[] literalGated;
        final LiteralScanner scanner;
        /** the texts to scan instead of the whole line, when every literal comes from one of them; else null */
        final List<Function<ParsedEvent, String>> texts;

        Bucket(Source source, int words, List<Integer> members, List<CompiledRule> rules, Expr[] detections) {
            this.source = source;
            this.indexField = Gates.indexField(source);
            this.always = new long[words];
            this.literalGated = new long[words];
            Map<String, Integer> ids = new LinkedHashMap<>();
            Set<String> from = new LinkedHashSet<>();
            for (int r : members) {
                detections[r] = annotate(rules.get(r).detection(), ids, from);
            }
            List<List<Integer>> gates = new ArrayList<>();
            ids.keySet().forEach(l -> gates.add(new ArrayList<>()));
            for (int r : members) {
                Set<Gates.Atom> atoms = Gates.of(rules.get(r).detection(), source);
                if (atoms == null) {
                    set(always, r);
                    continue;
                }
                for (Gates.Atom a : atoms) {
                    if (a.field() != null) {
                        set(byKey.computeIfAbsent(a.value(), k -> new long[words]), r);
                    } else {
                        gates.get(id(ids, a.value(), gates)).add(r);
                        from.add(a.from() == null ? ScanTexts.KEYWORDS : a.from());
                        set(literalGated, r);
                    }
                }
            }
            scanner = ids.isEmpty() ? null : new LiteralScanner(List.copyOf(ids.keySet()), gates, rules.size());
            texts = ids.isEmpty() ? null : ScanTexts.of(source, from);
        }

        private static int id(Map<String, Integer> ids, String literal, List<List<Integer>> gates) {
            Integer id = ids.get(literal);
            if (id == null) {
                id = ids.size();
                ids.put(literal, id);
                gates.add(new ArrayList<>());
            }
            return id;
        }

        /** The detection with each value's literal numbered, where the scan sees the values it tests. */
        private Expr annotate(Expr e, Map<String, Integer> ids, Set<String> from) {
            if (e instanceof Expr.And and) {
                return new Expr.And(and.parts().stream().map(p -> annotate(p, ids, from)).toList());
            }
            if (e instanceof Expr.Or or) {
                return new Expr.Or(or.parts().stream().map(p -> annotate(p, ids, from)).toList());
            }
            if (e instanceof Expr.Not not) {
                return new Expr.Not(annotate(not.part(), ids, from));
            }
            if (e instanceof Expr.AtLeast at) {
                return new Expr.AtLeast(at.n(), at.parts().stream().map(p -> annotate(p, ids, from)).toList());
            }
            if (e instanceof Expr.Field f && Gates.verbatim(source, f.field())) {
                int[] lits = numbered(f.tests(), ids);
                from.add(f.field());
                return new Expr.Field(f.field(), f.tests(), f.all(), f.negated(), lits);
            }
            if (e instanceof Expr.Keywords k) {
                int[] lits = numbered(k.tests(), ids);
                from.add(ScanTexts.KEYWORDS);
                return new Expr.Keywords(k.tests(), k.all(), lits);
            }
            return e;
        }

        private static int[] numbered(List<ValueTest> tests, Map<String, Integer> ids) {
            int[] out = new int[tests.size()];
            for (int i = 0; i < out.length; i++) {
                String l = tests.get(i).literal();
                out[i] = Gates.usable(l) ? ids.computeIfAbsent(l, k -> ids.size()) : -1;
            }
            return out;
        }
    }

    RuleSet(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        this.detections = new Expr[rules.size()];
        int words = Math.max(1, (rules.size() + 63) / 64);
        Map<Source, List<Integer>> members = new EnumMap<>(Source.class);
        for (int i = 0; i < rules.size(); i++) {
            members.computeIfAbsent(rules.get(i).source(), s -> new ArrayList<>()).add(i);
        }
        members.forEach((source, list) -> {
            Bucket b = new Bucket(source, words, list, this.rules, detections);
            for (Format f : source.formats) {
                byFormat.computeIfAbsent(f, k -> new ArrayList<>()).add(b);
            }
        });
    }

    List<CompiledRule> rules() {
        return rules;
    }

    CompiledRule rule(int i) {
        return rules.get(i);
    }

    /** What one event's prefilter found: the candidate rules and, when known, the literals. */
    private record Scan(long[] candidates, long[] found) {
    }

    /** The indices of the rules the event matches, ascending (a shared empty array for none). */
    int[] match(ParsedEvent e) {
        List<Bucket> buckets = byFormat.get(e.format());
        if (buckets == null || e.line() == null) {
            return NONE;
        }
        int[] out = NONE;
        int n = 0;
        for (Bucket b : buckets) {
            Scan scan = scan(b, e);
            long[] candidates = scan.candidates();
            EventView view = null;
            for (int w = 0; w < candidates.length; w++) {
                long bits = candidates[w];
                while (bits != 0) {
                    int r = w * 64 + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (view == null) {
                        view = b.source.view(e);
                        view.found = scan.found();
                    }
                    if (detections[r].test(view)) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, Math.max(4, n * 2));
                        }
                        out[n++] = r;
                    }
                }
            }
        }
        if (n == 0) {
            return NONE;
        }
        int[] hits = Arrays.copyOf(out, n);
        Arrays.sort(hits);
        return hits;
    }

    /** The rules the prefilter lets through for an event, by title (benchmarks: how selective the gates are). */
    List<String> candidateTitles(ParsedEvent e) {
        List<String> out = new ArrayList<>();
        for (Bucket b : byFormat.getOrDefault(e.format(), List.of())) {
            long[] c = scan(b, e).candidates();
            for (int i = 0; i < rules.size(); i++) {
                if ((c[i / 64] & 1L << (i % 64)) != 0) {
                    out.add(rules.get(i).info().title());
                }
            }
        }
        return out;
    }

    private static Scan scan(Bucket b, ParsedEvent e) {
        long[] c = b.always.clone();
        if (b.indexField != null) {
            String key = b.indexField.equals("eventName") ? e.field(Field.EVENT) : e.field(Field.PROGRAM);
            long[] keyed = key == null ? null : b.byKey.get(key.toLowerCase(Locale.ROOT));
            if (keyed != null) {
                or(c, keyed);
            }
        }
        if (b.scanner == null) {
            return new Scan(c, null);
        }
        long[] found = b.scanner.newFound();
        if (b.texts != null) {
            for (Function<ParsedEvent, String> t : b.texts) {
                String text = t.apply(e);
                if (text != null) {
                    b.scanner.scan(text, c, found);
                }
            }
            return new Scan(c, found);
        }
        String line = e.line();
        boolean json = b.source == Source.CLOUDTRAIL || b.source == Source.AWS_WAF || e.format() == Format.WAF;
        if (json && !literalFaithful(line)) {
            or(c, b.literalGated);
            return new Scan(c, null);
        }
        b.scanner.scan(line, c, found);
        return new Scan(c, found);
    }

    /**
     * Whether a JSON record's text shows each value's literals as the rules read them: no {@code \\u} or
     * {@code \\/} escape (a writer may spell any character so), and compact (an object or array is
     * matched as its compact JSON text, which a record written with blanks between members does not
     * show). CloudTrail and WAF write compact JSON without such escapes; anything else runs every rule
     * the prefilter would have gated.
     */
    static boolean literalFaithful(String line) {
        return !(line.contains("\\u") || line.contains("\\/") || line.contains("\": ") || line.contains(", \"")
                || line.contains("{ ") || line.contains("[ ") || line.indexOf('\t') >= 0 || line.indexOf('\n') >= 0);
    }

    /** Per source: how many rules run on every event (no gate), how many literals are scanned. */
    String stats() {
        StringBuilder s = new StringBuilder();
        Set<Bucket> seen = new LinkedHashSet<>();
        byFormat.values().forEach(seen::addAll);
        for (Bucket b : seen) {
            int always = 0;
            for (long w : b.always) {
                always += Long.bitCount(w);
            }
            s.append(b.source).append(": ").append(always).append(" rules ungated, ").append(b.byKey.size())
                    .append(" index keys, ").append(b.scanner == null ? 0 : b.scanner.literals).append(" literals, scanning ")
                    .append(b.texts == null ? "the line" : b.texts.size() + " fields").append('\n');
        }
        return s.toString();
    }

    private static void set(long[] bits, int i) {
        bits[i / 64] |= 1L << (i % 64);
    }

    private static void or(long[] into, long[] bits) {
        for (int w = 0; w < into.length; w++) {
            into[w] |= bits[w];
        }
    }
}
