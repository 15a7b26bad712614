package dev.soctriage.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    Detections(PackLoader.Loaded loaded) {
        this.loaded = loaded;
        this.rules = new RuleSet(loaded.rules());
        this.correlations = loaded.correlations();
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
