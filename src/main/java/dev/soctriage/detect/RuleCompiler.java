package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One YAML document of a rule file into what it is: a per-event rule, a correlation rule or a
 * global filter. Standard Sigma fields are read as the specification defines them; the one custom
 * field read is {@code soctriage:} ({@link RuleAction}). Anything this engine cannot honour is a
 * {@link RuleRefused} naming why.
 */
final class RuleCompiler {
    static final int MAX_TITLE = 256;

    private final DetectionCompiler detections;

    RuleCompiler(Map<String, List<String>> placeholders) {
        this.detections = new DetectionCompiler(new ValueCompiler(placeholders));
    }

    /** What a document turned out to be. */
    sealed interface Compiled {
    }

    record Rule(CompiledRule rule) implements Compiled {
    }

    record Correlation(CorrelationRule rule) implements Compiled {
    }

    record Filter(String title, List<String> rules, Source source, Expr filter) implements Compiled {
    }

    /** @param document the document's position in its file (0 for the first): names a rule without an id */
    Compiled compile(JsonNode doc, String pack, String file, int document) throws RuleRefused {
        if (doc == null || !doc.isObject()) {
            throw new RuleRefused("the document is not a map");
        }
        if (doc.has("action")) {
            throw new RuleRefused("obsolete multi-document format (action: " + doc.get("action").asText() + ")");
        }
        String title = text(doc, "title");
        if (title == null || title.isBlank()) {
            throw new RuleRefused("no title");
        }
        if (title.length() > MAX_TITLE) {
            throw new RuleRefused("title longer than " + MAX_TITLE + " characters");
        }
        if (doc.has("correlation")) {
            return new Correlation(CorrelationRule.read(doc.get("correlation"), info(doc, title, pack, file, document)));
        }
        JsonNode logsource = doc.get("logsource");
        if (logsource == null || !logsource.isObject()) {
            throw new RuleRefused("no logsource");
        }
        LogSources.Resolved where = LogSources.resolve(text(logsource, "category"), text(logsource, "product"),
                text(logsource, "service"));
        if (doc.has("filter") && !doc.has("detection")) {
            return filter(doc.get("filter"), title, where);
        }
        Expr e = detections.compile(doc.get("detection"), where.source()::unknown);
        return new Rule(new CompiledRule(info(doc, title, pack, file, document), where.source(), scoped(e, where)));
    }

    /** A Linux service's programs (or pam's lines) folded into the detection. */
    private static Expr scoped(Expr e, LogSources.Resolved where) {
        if (where.programs() != null) {
            List<ValueTest> programs = new ArrayList<>();
            for (String p : where.programs()) {
                programs.add(new ValueTest.Text(SigmaPattern.of(p, false, false, false)));
            }
            return new Expr.And(List.of(new Expr.Field("program", List.copyOf(programs), false, false), e));
        }
        if (where.pamOnly()) {
            Expr pam = new Expr.Field("message", List.of(new ValueTest.Text(SigmaPattern.of("pam_", true, true, false))),
                    false, false);
            return new Expr.And(List.of(pam, e));
        }
        return e;
    }

    private Filter filter(JsonNode f, String title, LogSources.Resolved where) throws RuleRefused {
        JsonNode rules = f.get("rules");
        List<String> names = new ArrayList<>();
        if (rules != null && rules.isArray()) {
            rules.forEach(r -> names.add(r.asText()));
        } else if (rules != null && rules.isValueNode()) {
            names.add(rules.asText());
        }
        if (names.isEmpty()) {
            throw new RuleRefused("filter names no rules");
        }
        Expr e = detections.compile(f, where.source()::unknown);
        return new Filter(title, List.copyOf(names), where.source(), e);
    }

    private static RuleInfo info(JsonNode doc, String title, String pack, String file, int document) throws RuleRefused {
        List<String> tags = list(doc, "tags");
        String id = text(doc, "id");
        Level level = Level.of(text(doc, "level"));
        return new RuleInfo(id == null || id.isBlank() ? pack + ":" + file + (document > 0 ? "#" + (document + 1) : "") : id.strip(), text(doc, "name"), title.strip(),
                text(doc, "status"), text(doc, "description"), list(doc, "references"), level, tags,
                RuleInfo.mitreOf(tags), RuleAction.read(doc.get("soctriage"), title.strip()), pack, file);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    static List<String> list(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            for (JsonNode x : v) {
                if (x.isValueNode() && !x.isNull()) {
                    out.add(x.asText());
                }
            }
        } else if (v != null && v.isValueNode() && !v.isNull()) {
            out.add(v.asText());
        }
        return List.copyOf(out);
    }
}
