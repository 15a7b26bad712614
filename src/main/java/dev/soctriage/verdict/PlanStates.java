package dev.soctriage.verdict;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.verdict.VerdictItems.Stored;

/**
 * What the store held of some plans when they were read ({@link OpenPlans#read}): each plan's generation
 * (none: no plan item yet) and that generation's verdict (none: not opened yet). A snapshot, not a lock:
 * {@link OpenPlans#recordAll} takes it for its first round, and a plan that changed since loses that round's
 * condition and is read again, as under any concurrent write.
 */
public final class PlanStates {
    /** Nothing read: every plan is read by {@link OpenPlans#recordAll} itself. */
    public static final PlanStates NONE = new PlanStates(Set.of(), Map.of(), Map.of());

    private final Set<String> read;
    private final Map<String, Long> generations;
    private final Map<String, Stored> verdicts;

    /**
     * @param read        the plan keys read (found or not)
     * @param generations plan key → its generation, for the plans that have a plan item
     * @param verdicts    verdict id → the stored verdict, for those generations' verdicts that exist
     */
    PlanStates(Set<String> read, Map<String, Long> generations, Map<String, Stored> verdicts) {
        this.read = read;
        this.generations = generations;
        this.verdicts = verdicts;
    }

    /**
     * The severity of each read plan's open verdict ({@code PENDING}, {@code DISPATCH_FAILED}), for the plans
     * that have one.
     */
    public Map<String, Severity> openSeverities() {
        Map<String, Severity> open = new HashMap<>();
        generations.forEach((planKey, g) -> {
            Stored v = verdicts.get(VerdictIds.of(planKey, g));
            Status status = v == null ? null : v.verdict().status();
            if ((status == Status.PENDING || status == Status.DISPATCH_FAILED) && v.verdict().severity() != null) {
                open.put(planKey, v.verdict().severity());
            }
        });
        return open;
    }

    /** Whether {@code planKey} was read (found or not). */
    boolean covers(String planKey) {
        return read.contains(planKey);
    }

    /** The plan's generation when read; null when it had no plan item. */
    Long generation(String planKey) {
        return generations.get(planKey);
    }

    /** The verdict {@code id} when read; null when it did not exist (or was not read). */
    Stored verdict(String id) {
        return verdicts.get(id);
    }

    /** These plans and {@code more}'s (read later) together. */
    PlanStates with(PlanStates more) {
        Set<String> r = new HashSet<>(read);
        r.addAll(more.read);
        Map<String, Long> g = new HashMap<>(generations);
        g.putAll(more.generations);
        Map<String, Stored> v = new HashMap<>(verdicts);
        v.putAll(more.verdicts);
        return new PlanStates(r, g, v);
    }

    /** These plans, those of {@code opened} at the generation they were opened at (their verdicts not read). */
    PlanStates opened(Map<String, Long> opened) {
        Map<String, Long> g = new HashMap<>(generations);
        g.putAll(opened);
        Set<String> r = new HashSet<>(read);
        r.addAll(opened.keySet());
        return new PlanStates(r, g, verdicts);
    }

    /** Plan keys of {@code planKeys} not read here. */
    Set<String> missing(Collection<String> planKeys) {
        Set<String> out = new HashSet<>();
        for (String k : planKeys) {
            if (!read.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }
}
