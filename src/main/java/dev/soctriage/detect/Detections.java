package dev.soctriage.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.soctriage.model.Format;
import dev.soctriage.parse.ParsedEvent;

/**
 * The Sigma engine with its rules loaded: the built-in pack and any DETECTION_RULES folders, compiled
 * once and indexed ({@link RuleSet}). {@link #match} names the rules a parsed event matches;
 * {@link #correlations()} are evaluated over a delivery's matches ({@link Correlator}). Immutable
 * and shared by all threads. How it reads rules and what it refuses: docs/detections.md.
 */
public final class Detections {
    private final RuleSet rules;
    private final List<CorrelationRule> correlations;
    private final PackLoader.Loaded loaded;
    /** every rule and correlation by id */
    private final Map<String, RuleInfo> byId = new HashMap<>();
    /** per-event rule index by id */
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    /** each correlation's base rules, by id */
    private final Map<String, List<String>> bases = new HashMap<>();
    private final Set<String> areas = new TreeSet<>();
    /** per format, the built-in areas with a rule that reads events of that format */
    private final Map<Format, Set<String>> areasByFormat = new EnumMap<>(Format.class);

    Detections(PackLoader.Loaded loaded) {
        this.loaded = loaded;
        this.rules = new RuleSet(loaded.rules());
        this.correlations = loaded.correlations();
        for (int i = 0; i < loaded.rules().size(); i++) {
            RuleInfo r = loaded.rules().get(i).info();
            byId.put(r.id(), r);
            ruleIndex.put(r.id(), i);
        }
        for (CorrelationRule c : correlations) {
            byId.put(c.info().id(), c.info());
            List<String> ids = new ArrayList<>();
            for (String ref : c.refs()) {
                for (CompiledRule r : loaded.rules()) {
                    if ((ref.equals(r.info().id()) || ref.equals(r.info().name())) && !ids.contains(r.info().id())) {
                        ids.add(r.info().id());
                    }
                }
            }
            bases.put(c.info().id(), List.copyOf(ids));
        }
        for (RuleInfo r : byId.values()) {
            if (r.pack().equals(RuleFile.BUILT_IN) && r.file().indexOf('/') > 0) {
                areas.add(r.file().substring(0, r.file().indexOf('/')));
            }
        }
        for (CompiledRule r : loaded.rules()) {
            RuleInfo i = r.info();
            if (i.pack().equals(RuleFile.BUILT_IN) && i.file().indexOf('/') > 0) {
                for (Format f : r.source().formats) {
                    areasByFormat.computeIfAbsent(f, k -> new TreeSet<>()).add(i.file().substring(0, i.file().indexOf('/')));
                }
            }
        }
    }

    /** A rule or correlation by its id, or null. */
    public RuleInfo info(String id) {
        return byId.get(id);
    }

    /** Whether the id names a correlation rule. */
    public boolean isCorrelation(String id) {
        return bases.containsKey(id);
    }

    /** A correlation's base rules, by id (empty for a per-event rule). */
    public List<String> bases(String correlationId) {
        return bases.getOrDefault(correlationId, List.of());
    }

    /**
     * Whether a rule's matches are findings of their own: a per-event rule that no correlation uses as
     * a base (or one whose correlation says {@code generate: true}), or a correlation.
     */
    public boolean standalone(String id) {
        Integer i = ruleIndex.get(id);
        return i == null ? bases.containsKey(id) : loaded.standalone()[i];
    }

    /** The built-in pack's areas (detections/&lt;area&gt;/...): cloudtrail, web, linux... */
    public Set<String> builtInAreas() {
        return Set.copyOf(areas);
    }

    /** The built-in areas with at least one rule that reads events of this format. */
    public Set<String> builtInAreas(Format format) {
        return Set.copyOf(areasByFormat.getOrDefault(format, Set.of()));
    }

    /**
     * A field of an event as the rule (or, for a correlation, its first base rule) reads it: its first
     * value, or null. How a rule's {@code soctriage.target} field names the target.
     */
    public String field(String id, ParsedEvent e, String field) {
        String ruleId = bases.containsKey(id) ? bases.get(id).stream().findFirst().orElse(null) : id;
        Integer i = ruleId == null ? null : ruleIndex.get(ruleId);
        if (i == null) {
            return null;
        }
        List<String> values = rules.rule(i).source().view(e).values(field);
        if (values == null) {
            return null;
        }
        return values.stream().filter(v -> v != null && !v.isEmpty()).findFirst().orElse(null);
    }

    /** The built-in pack and the rules of {@code folders}; {@code placeholders} for {@code |expand}. */
    public static Detections load(List<Path> folders, Map<String, List<String>> placeholders) {
        List<RuleFile> files = new ArrayList<>(RuleFile.builtIn(Detections.class.getClassLoader()));
        for (Path f : folders) {
            files.addAll(RuleFile.folder(f));
        }
        return new Detections(PackLoader.load(files, placeholders));
    }

    /** Only the rules of {@code folders}, without the built-in pack (tests and the SigmaHQ check). */
    public static Detections loadFolders(List<Path> folders, Map<String, List<String>> placeholders) {
        List<RuleFile> files = new ArrayList<>();
        for (Path f : folders) {
            files.addAll(RuleFile.folder(f));
        }
        return new Detections(PackLoader.load(files, placeholders));
    }

    /** The indices (ascending) of the per-event rules the event matches; an empty array for none. */
    public int[] match(ParsedEvent e) {
        return rules.match(e);
    }

    /** A per-event rule by its index. */
    public RuleInfo rule(int index) {
        return rules.rule(index).info();
    }

    public int ruleCount() {
        return rules.rules().size();
    }

    /** Whether a rule's matches are findings of their own (false for a correlation's base rule). */
    public boolean standalone(int index) {
        return loaded.standalone()[index];
    }

    /** A correlator for one delivery: feed it every event with its matches, in order. */
    public Correlator correlator() {
        return new Correlator(this);
    }

    /** The correlations one delivery's events raise (each event matched here first). */
    public List<CorrelationHit> correlate(List<ParsedEvent> delivery) {
        Correlator c = correlator();
        for (ParsedEvent e : delivery) {
            c.add(e, match(e));
        }
        return c.hits();
    }

    List<CorrelationRule> correlations() {
        return correlations;
    }

    RuleSet ruleSet() {
        return rules;
    }

    /** What was loaded, run and refused. */
    public Report report() {
        List<String> refused = loaded.refused().stream().map(PackLoader.Refusal::toString).toList();
        return new Report(loaded.documents(), ruleCount(), correlations.size(), refused, loaded.filters());
    }

    /**
     * @param documents    YAML documents read (rules, correlations, filters, refused ones)
     * @param rules        per-event rules that run
     * @param correlations correlation rules that run
     * @param refused      each refused document: pack/file (title): reason
     * @param filters      filters applied: filter → rule id
     */
    public record Report(int documents, int rules, int correlations, List<String> refused, List<String> filters) {
    }
}
