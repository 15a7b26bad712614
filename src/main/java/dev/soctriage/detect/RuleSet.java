package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.parse.ParsedEvent;

/**
 * Every loaded per-event rule, compiled once and indexed so that an event runs only the rules that
 * can match it: per {@link Source}, the rules an indexed field's exact value names
 * ({@code eventName} for CloudTrail, {@code program} for Linux), the rules a literal of the text
 * gates ({@link LiteralScanner}, one pass per event), and the few that no atom gates
 * ({@link Gates}). Immutable and shared by all threads.
 */
final class RuleSet {
    private static final int[] NONE = new int[0];

    private final List<CompiledRule> rules;
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

        Bucket(Source source, int words, List<Integer> members, List<CompiledRule> rules) {
            this.source = source;
            this.indexField = Gates.indexField(source);
            this.always = new long[words];
            this.literalGated = new long[words];
            Map<String, List<Integer>> literals = new LinkedHashMap<>();
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
                        literals.computeIfAbsent(a.value(), k -> new ArrayList<>()).add(r);
                        set(literalGated, r);
                    }
                }
            }
            scanner = literals.isEmpty() ? null : new LiteralScanner(literals, rules.size());
        }
    }

    RuleSet(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        int words = Math.max(1, (rules.size() + 63) / 64);
        Map<Source, List<Integer>> members = new EnumMap<>(Source.class);
        for (int i = 0; i < rules.size(); i++) {
            members.computeIfAbsent(rules.get(i).source(), s -> new ArrayList<>()).add(i);
        }
        members.forEach((source, list) -> {
            Bucket b = new Bucket(source, words, list, this.rules);
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

    /** The indices of the rules the event matches, ascending (a shared empty array for none). */
    int[] match(ParsedEvent e) {
        List<Bucket> buckets = byFormat.get(e.format());
        if (buckets == null || e.line() == null) {
            return NONE;
        }
        int[] out = NONE;
        int n = 0;
        for (Bucket b : buckets) {
            long[] candidates = candidates(b, e);
            EventView view = null;
            for (int w = 0; w < candidates.length; w++) {
                long bits = candidates[w];
                while (bits != 0) {
                    int r = w * 64 + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (view == null) {
                        view = b.source.view(e);
                    }
                    if (rules.get(r).detection().test(view)) {
                        if (n == out.length) {
                            out = java.util.Arrays.copyOf(out, Math.max(4, n * 2));
                        }
                        out[n++] = r;
                    }
                }
            }
        }
        if (n == 0) {
            return NONE;
        }
        int[] hits = java.util.Arrays.copyOf(out, n);
        java.util.Arrays.sort(hits);
        return hits;
    }

    private static long[] candidates(Bucket b, ParsedEvent e) {
        long[] c = b.always.clone();
        if (b.indexField != null) {
            String key = b.indexField.equals("eventName") ? e.field(Field.EVENT) : e.field(Field.PROGRAM);
            long[] keyed = key == null ? null : b.byKey.get(key.toLowerCase(Locale.ROOT));
            if (keyed != null) {
                or(c, keyed);
            }
        }
        if (b.scanner != null) {
            String line = e.line();
            boolean json = b.source == Source.CLOUDTRAIL || b.source == Source.AWS_WAF || e.format() == Format.WAF;
            if (json && (line.contains("\\u") || line.contains("\\/"))) {
                // escapes a JSON writer may use for any character: the raw text may hide a literal
                or(c, b.literalGated);
            } else {
                b.scanner.scan(line, c);
                if (b.source == Source.WEB) {
                    scanRequest(b, e, c);
                }
            }
        }
        return c;
    }

    /** The request as web rules read it, where the raw line spells it otherwise: joined, and decoded. */
    private static void scanRequest(Bucket b, ParsedEvent e, long[] c) {
        String path = e.field(Field.PATH);
        if (path == null) {
            return;
        }
        String method = e.field(Field.METHOD);
        String prefix = method == null ? "" : method + " ";
        if (e.format() != Format.ACCESS_LOG) {
            b.scanner.scan(prefix + path, c);
        }
        String decoded = WebView.decodedUri(path);
        if (!decoded.equals(path)) {
            b.scanner.scan(prefix + decoded, c);
        }
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
