package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Rule files into the rules that run and the ones refused, each with why: every YAML document is
 * compiled on its own (a file may hold several: a correlation and its base rules), then filters are
 * applied to the rules they name and correlations linked to their base rules. A refused rule never
 * stops the others.
 */
final class PackLoader {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A document that does not run, and why. */
    record Refusal(String pack, String file, String rule, String reason) {
        @Override
        public String toString() {
            return pack + "/" + file + (rule == null ? "" : " (" + rule + ")") + ": " + reason;
        }
    }

    /**
     * @param standalone per rule: whether its matches are findings of their own; false for the base
     *                   rules of a correlation (Sigma's {@code generate: false}, the default)
     */
    record Loaded(List<CompiledRule> rules, List<CorrelationRule> correlations, List<Refusal> refused,
            boolean[] standalone, int documents, List<String> filters) {
    }

    private PackLoader() {
    }

    static Loaded load(List<RuleFile> files, Map<String, List<String>> placeholders) {
        RuleCompiler compiler = new RuleCompiler(placeholders);
        List<CompiledRule> rules = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<RuleCompiler.Filter> filters = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, Boolean> generate = new HashMap<>();
        int documents = 0;
        for (RuleFile f : files) {
            if (f.text() == null) {
                refused.add(new Refusal(f.pack(), f.path(), null, f.problem()));
                continue;
            }
            List<JsonNode> docs;
            try {
                docs = documents(f.text());
            } catch (JsonProcessingException | RuntimeException e) {
                refused.add(new Refusal(f.pack(), f.path(), null, "not valid YAML: " + firstLine(e.getMessage())));
                continue;
            }
            for (int n = 0; n < docs.size(); n++) {
                JsonNode doc = docs.get(n);
                documents++;
                String label = doc != null && doc.isObject() ? RuleCompiler.text(doc, "title") : null;
                try {
                    RuleCompiler.Compiled c = compiler.compile(doc, f.pack(), f.path(), n);
                    String id = c instanceof RuleCompiler.Rule r ? r.rule().info().id()
                            : c instanceof RuleCompiler.Correlation k ? k.rule().info().id() : null;
                    if (id != null && !ids.add(id)) {
                        throw new RuleRefused("duplicate id " + id + " (an earlier rule has it)");
                    }
                    if (c instanceof RuleCompiler.Rule r) {
                        rules.add(r.rule());
                    } else if (c instanceof RuleCompiler.Correlation k) {
                        correlations.add(k.rule());
                        generate.put(k.rule().info().id(), doc.path("correlation").path("generate").asBoolean(false));
                    } else {
                        filters.add((RuleCompiler.Filter) c);
                    }
                } catch (RuleRefused e) {
                    refused.add(new Refusal(f.pack(), f.path(), label, e.getMessage()));
                }
            }
        }
        List<String> applied = applyFilters(rules, filters, refused);
        List<CorrelationRule> linked = link(rules, correlations, refused);
        boolean[] standalone = new boolean[rules.size()];
        java.util.Arrays.fill(standalone, true);
        Map<String, Integer> byRef = refs(rules);
        for (CorrelationRule c : linked) {
            if (!generate.getOrDefault(c.info().id(), false)) {
                for (String ref : c.refs()) {
                    standalone[byRef.get(ref)] = false;
                }
            }
        }
        return new Loaded(List.copyOf(rules), List.copyOf(linked), List.copyOf(refused), standalone, documents, applied);
    }

    private static List<JsonNode> documents(String text) throws JsonProcessingException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /** Each rule by its id and by its name. */
    private static Map<String, Integer> refs(List<CompiledRule> rules) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            out.put(rules.get(i).info().id(), i);
            if (rules.get(i).info().name() != null) {
                out.putIfAbsent(rules.get(i).info().name(), i);
            }
        }
        return out;
    }

    /** {@code rule and not filter} for every rule a filter names (same log source only). */
    private static List<String> applyFilters(List<CompiledRule> rules, List<RuleCompiler.Filter> filters,
            List<Refusal> refused) {
        Map<String, Integer> byRef = refs(rules);
        List<String> applied = new ArrayList<>();
        for (RuleCompiler.Filter f : filters) {
            for (String ref : f.rules()) {
                Integer i = byRef.get(ref);
                if (i == null || rules.get(i).source() != f.source()) {
                    refused.add(new Refusal("filter", f.title(), ref,
                            i == null ? "names no loaded rule" : "the rule reads another log source"));
                    continue;
                }
                CompiledRule r = rules.get(i);
                rules.set(i, new CompiledRule(r.info(), r.source(),
                        new Expr.And(List.of(r.detection(), new Expr.Not(f.filter())))));
                applied.add(f.title() + " → " + r.info().id());
            }
        }
        return applied;
    }

    /** Correlations whose base rules all loaded; the others are refused with the reference that failed. */
    private static List<CorrelationRule> link(List<CompiledRule> rules, List<CorrelationRule> correlations,
            List<Refusal> refused) {
        Map<String, Integer> byRef = refs(rules);
        Set<String> correlationRefs = new HashSet<>();
        for (CorrelationRule c : correlations) {
            correlationRefs.add(c.info().id());
            if (c.info().name() != null) {
                correlationRefs.add(c.info().name());
            }
        }
        List<CorrelationRule> out = new ArrayList<>();
        for (CorrelationRule c : correlations) {
            String missing = null;
            for (String ref : c.refs()) {
                if (!byRef.containsKey(ref)) {
                    missing = correlationRefs.contains(ref) ? "refers to the correlation " + ref
                            + ": correlations of correlations are not supported"
                            : "refers to " + ref + ", which is not loaded (missing or refused)";
                    break;
                }
            }
            if (missing != null) {
                refused.add(new Refusal(c.info().pack(), c.info().file(), c.info().title(), missing));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
