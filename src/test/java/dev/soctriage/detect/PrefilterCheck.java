package dev.soctriage.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.soctriage.bench.Corpus;
import dev.soctriage.parse.ParsedEvent;

/**
 * The prefilter judged against the rules themselves: {@link RuleSet#match} (index, literal gates, literal
 * prefixes, values skipped by their literal) must name exactly the rules that every rule's detection,
 * run on every event of its log source with no prefilter at all, names. Lines: the bench corpus, the
 * pack's cases, and lines built around each literal the loaded rules test (so literals that share a
 * prefix, and values the prefilter skips, are exercised).
 */
final class PrefilterCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrefilterCheck() {
    }

    /** Each event where the indexed match and the unfiltered one differ, described; empty when none does. */
    static List<String> differences(Detections d, List<ParsedEvent> events) {
        RuleSet set = d.ruleSet();
        List<String> out = new ArrayList<>();
        for (ParsedEvent e : events) {
            int[] indexed = set.match(e);
            int[] every = unfiltered(set, e);
            if (!Arrays.equals(indexed, every)) {
                out.add(e.format() + " " + titles(set, indexed) + " vs every rule run " + titles(set, every) + ": " + e.line());
            }
        }
        return out;
    }

    private static int[] unfiltered(RuleSet set, ParsedEvent e) {
        if (e.line() == null) {
            return new int[0];
        }
        List<Integer> hits = new ArrayList<>();
        for (int r = 0; r < set.rules().size(); r++) {
            CompiledRule rule = set.rule(r);
            if (rule.source().formats.contains(e.format()) && rule.detection().test(rule.source().view(e))) {
                hits.add(r);
            }
        }
        return hits.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> titles(RuleSet set, int[] rules) {
        return Arrays.stream(rules).mapToObj(r -> set.rule(r).info().title()).toList();
    }

    /** The bench corpus's lines (every format, attacks among them). */
    static List<String> corpus(int n) {
        return new Corpus(42, 8).lines(n).stream().map(l -> new String(l.bytes(), StandardCharsets.UTF_8)).toList();
    }

    /**
     * For each literal the rules test (at most {@code max}): an access-log request carrying it in the
     * query, a syslog line carrying it in the message, and a CloudTrail record carrying it as the event
     * name and the user agent; the same with the literal's last character dropped (its prefix is there,
     * the literal is not).
     */
    static List<String> aroundLiterals(Detections d, int max) {
        Set<String> literals = new LinkedHashSet<>();
        for (CompiledRule r : d.ruleSet().rules()) {
            collect(r.detection(), literals);
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String l : literals) {
            if (i++ == max) {
                break;
            }
            for (String v : l.length() > 1 ? List.of(l, l.substring(0, l.length() - 1)) : List.of(l)) {
                String text = v.replaceAll("[\\s\"]", "_");
                out.add("203.0.113.9 - - [08/Dec/2026:12:00:00 +0000] \"GET /p?q=" + text
                        + " HTTP/1.1\" 200 10 \"-\" \"Mozilla/5.0\"");
                out.add("Dec  8 12:00:00 host sshd[42]: " + text + " from 203.0.113.9 port 22");
                ObjectNode ct = JSON.createObjectNode().put("eventVersion", "1.08").put("eventTime", "2026-12-08T12:00:00Z")
                        .put("eventSource", "iam.amazonaws.com").put("eventName", v).put("awsRegion", "us-east-1")
                        .put("sourceIPAddress", "203.0.113.9").put("userAgent", v);
                ct.putObject("userIdentity").put("type", "IAMUser").put("userName", "alice")
                        .put("arn", "arn:aws:iam::111122223333:user/alice");
                out.add(ct.toString());
            }
        }
        return out;
    }

    private static void collect(Expr e, Set<String> into) {
        if (e instanceof Expr.And and) {
            and.parts().forEach(p -> collect(p, into));
        } else if (e instanceof Expr.Or or) {
            or.parts().forEach(p -> collect(p, into));
        } else if (e instanceof Expr.Not not) {
            collect(not.part(), into);
        } else if (e instanceof Expr.AtLeast at) {
            at.parts().forEach(p -> collect(p, into));
        } else if (e instanceof Expr.Field f) {
            f.tests().forEach(t -> add(t, into));
        } else if (e instanceof Expr.Keywords k) {
            k.tests().forEach(t -> add(t, into));
        }
    }

    private static void add(ValueTest t, Set<String> into) {
        String l = t.literal();
        if (l != null && !l.isEmpty()) {
            into.add(l);
        }
    }
}
