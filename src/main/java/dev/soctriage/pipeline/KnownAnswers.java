package dev.soctriage.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.soctriage.group.EventGroup;
import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Signal;
import dev.soctriage.text.Digests;
import dev.soctriage.triage.Judgement;
import dev.soctriage.triage.TriageService;
import dev.soctriage.verdict.TemplateMemory;
import dev.soctriage.verdict.TemplateMemoryConfig;
import dev.soctriage.verdict.VerdictIds;
import dev.soctriage.verdict.OpenPlans;
import dev.soctriage.verdict.PlanStates;
import dev.soctriage.verdict.ConfirmedThreat;

/**
 * What ingest-triage need not ask the model again, decided before any call (docs/triage.md, "Memory of
 * benign templates", "Asked once per threat" and "Memory of confirmed threats"): groups of a template the
 * model judged benign before, and more of a threat whose verdict is open, judged by the rules instead (so
 * a rule that fires still fires); and groups of a pattern the model confirmed as a threat, written from
 * that judgement ({@link RememberedThreats}). With no model configured nothing is read: every group goes
 * to the rules anyway.
 */
@ApplicationScoped
public class KnownAnswers {
    private final TriageService triage;
    private final OpenPlans plans;
    private final TemplateMemory memory;
    private final TemplateMemoryConfig config;
    private final Clock clock;
    private final RememberedThreats threats;

    public KnownAnswers(TriageService triage, OpenPlans plans, TemplateMemory memory, TemplateMemoryConfig config,
            Clock clock, RememberedThreats threats) {
        this.threats = threats;
        this.triage = triage;
        this.plans = plans;
        this.memory = memory;
        this.config = config;
        this.clock = clock;
    }

    /**
     * One batch's groups, split.
     *
     * @param answered        judgements made without a model call
     * @param toAsk           the groups left for the model, in batch order
     * @param memoryKeys      the memory key of each group that may be remembered
     * @param remembered      the keys that were remembered
     */
    public record Split(List<Judgement> answered, List<EventGroup> toAsk, long memoryHits, long openVerdictHits,
            Map<EventGroup, String> memoryKeys, Set<String> remembered) {
    }

    /**
     * What the store knows of a delivery's groups, read before any is split: the benign templates
     * remembered, the plans the rules' findings and the groups' actors name ({@link PlanStates}: which have an
     * open verdict, and what {@link VerdictWriter} writes from), the confirmed threats. The three reads run
     * at once; none decides anything yet, so they may cover more groups than {@link #split} is given (those
     * an analyst's feedback then holds back, say).
     *
     * @param memoryKeys the memory key of each group that may be remembered
     * @param remembered the keys that were remembered
     * @param plans      what the store held of the plans the groups name
     * @param threats    the confirmed threats of the groups' patterns
     * @param byRules    the rules' judgement of each group, made once to name its plans and reused to join them
     *                   (empty when open verdicts are not joined)
     */
    public record Recall(Map<EventGroup, String> memoryKeys, Set<String> remembered, PlanStates plans,
            Map<String, ConfirmedThreat> threats, Map<EventGroup, Judgement> byRules) {
    }

    public Recall recall(List<EventGroup> groups, String source) {
        Map<EventGroup, String> memoryKeys = new HashMap<>();
        // without a model nothing was judged benign by one: no memory; open verdicts are joined all the same,
        // so that a threshold crossed once keeps counting the actor's later activity (docs/triage.md)
        if (config.enabled() && triage.modelEnabled()) {
            groups.stream().filter(KnownAnswers::memorable).forEach(g -> memoryKeys.put(g, memoryKey(g)));
        }
        Map<EventGroup, Judgement> byRules = new IdentityHashMap<>(); // the same groups split later: no record hashing
        if (config.openVerdicts()) {
            groups.forEach(g -> byRules.put(g, triage.judgeByRules(g)));
        }
        Set<String> planKeys = planKeys(byRules, source);
        Executor workers = Infrastructure.getDefaultWorkerPool();
        Parallel.Both<Set<String>, Parallel.Both<PlanStates, Map<String, ConfirmedThreat>>> read = Parallel.both(workers,
                () -> memoryKeys.isEmpty() ? Set.<String>of() : memory.remembered(memoryKeys.values(), clock.instant()),
                () -> Parallel.both(workers, () -> plans.read(planKeys), () -> threats.recall(groups)));
        return new Recall(memoryKeys, read.first(), read.second().first(), read.second().second(), byRules);
    }

    /** One batch's groups, split on what {@link #recall} read of them (or of more groups). */
    public Split split(List<EventGroup> groups, String source, Recall recall) {
        Map<EventGroup, String> memoryKeys = new HashMap<>();
        for (EventGroup g : groups) {
            String key = recall.memoryKeys().get(g);
            if (key != null) {
                memoryKeys.put(g, key);
            }
        }
        Set<String> remembered = recall.remembered();
        List<Judgement> answered = new ArrayList<>();
        List<EventGroup> toAsk = new ArrayList<>(groups.size());
        long memoryHits = 0;
        for (EventGroup g : groups) {
            String key = memoryKeys.get(g);
            if (key != null && remembered.contains(key)) {
                memoryHits++;
                answered.add(triage.judgeByRules(g));
            } else {
                toAsk.add(g);
            }
        }
        long openVerdictHits = 0;
        if (config.openVerdicts() && !toAsk.isEmpty()) {
            List<EventGroup> stillToAsk = new ArrayList<>(toAsk.size());
            openVerdictHits = joinOpenVerdicts(toAsk, source, recall, answered, stillToAsk);
            toAsk = stillToAsk;
        }
        // the same pattern as a threat the model confirmed: its judgement, aimed at this group's actor
        RememberedThreats.Split confirmed = threats.split(toAsk, recall.threats());
        answered.addAll(confirmed.answered());
        memoryHits += confirmed.answered().size();
        toAsk = confirmed.toAsk();
        return new Split(answered, toAsk, memoryHits, openVerdictHits, memoryKeys, remembered);
    }

    /**
     * Remembers the templates of the asked groups that the model answered benign and the rules did not
     * flag, for {@code triage.memory.ttl}.
     *
     * @param answers the model's judgements of {@code split.toAsk()}, in the same order
     * @return how many keys were newly remembered
     */
    public int learn(Split split, List<Judgement> answers) {
        Set<String> learned = new HashSet<>();
        for (int i = 0; i < split.toAsk().size(); i++) {
            Judgement j = answers.get(i);
            String key = split.memoryKeys().get(split.toAsk().get(i));
            if (j.modelBenign() && j.finding().isEmpty() && key != null && !split.remembered().contains(key)) {
                learned.add(key);
            }
        }
        if (!learned.isEmpty()) {
            memory.rememberAll(learned, clock.instant());
        }
        return learned.size();
    }

    /** Remembers the threats the model confirmed in verdicts just written ({@link RememberedThreats#learn}). */
    public void written(List<RememberedThreats.Confirmed> written) {
        threats.learn(written);
    }

    /**
     * Repeat activity of a threat whose verdict is open joins it without a model call — the model was
     * asked when the verdict opened, and the analyst's decision is already pending:
     * <ul>
     * <li>a group whose rules finding names a plan with an open verdict of at least the finding's severity;</li>
     * <li>an actor's signal lines that no rule flags on their own (below every threshold) while a verdict
     * to block that actor's address or disable that user is open: they join it as low evidence.</li>
     * </ul>
     * A finding that would raise the verdict's severity, a plan without an open verdict, and anything
     * without a signal or a rules finding are left to ask (into {@code stillToAsk}). {@code open}: the open
     * verdicts' severities of the plans {@link #planKeys} names, read by {@link #recall}.
     *
     * @return how many groups joined without a call; their judgements are added to {@code answered}
     */
    private long joinOpenVerdicts(List<EventGroup> toAsk, String source, Recall recall, List<Judgement> answered,
            List<EventGroup> stillToAsk) {
        Map<String, Severity> open = recall.plans().openSeverities();
        List<Judgement> byRules = toAsk.stream()
                .map(g -> recall.byRules().computeIfAbsent(g, triage::judgeByRules)).toList();
        long hits = 0;
        for (int i = 0; i < toAsk.size(); i++) {
            EventGroup g = toAsk.get(i);
            Judgement j = byRules.get(i);
            Judgement joined = null;
            if (j.finding().isPresent()) {
                Severity openSeverity = open.get(VerdictFactory.planKey(j.finding().get(), source));
                joined = openSeverity != null && openSeverity.compareTo(j.finding().get().severity()) >= 0 ? j : null;
            } else {
                for (Map.Entry<Action, String> plan : actorPlans(g).entrySet()) {
                    if (joined == null && open.containsKey(plan.getValue())) {
                        Judgement more = triage.judgeAsMoreOf(g, plan.getKey());
                        // the guard may turn the finding into another plan: then it is asked about as any other
                        boolean samePlan = more.finding().map(f -> VerdictFactory.planKey(f, source))
                                .filter(plan.getValue()::equals).isPresent();
                        joined = samePlan ? more : null;
                    }
                }
            }
            if (joined != null) {
                answered.add(joined);
                hits++;
            } else {
                stillToAsk.add(g);
            }
        }
        return hits;
    }

    /** The plans {@link #joinOpenVerdicts} may join for these groups: the rules findings', else the actors'. */
    private static Set<String> planKeys(Map<EventGroup, Judgement> byRules, String source) {
        Set<String> planKeys = new HashSet<>();
        byRules.forEach((g, j) -> {
            if (j.finding().isPresent()) {
                planKeys.add(VerdictFactory.planKey(j.finding().get(), source));
            } else {
                planKeys.addAll(actorPlans(g).values());
            }
        });
        return planKeys;
    }

    /** The plans that act on a signal group's own actor: block its address, disable its user. */
    private static Map<Action, String> actorPlans(EventGroup g) {
        if (g.signal() == Signal.NONE || g.crossActor()) {
            return Map.of();
        }
        Map<Action, String> plans = new LinkedHashMap<>();
        if (g.actorIp() != null) {
            plans.put(Action.BLOCK_IP, VerdictIds.planKey(Action.BLOCK_IP, g.actorIp(), null, null));
        }
        if (g.actorUser() != null) {
            plans.put(Action.DISABLE_USER, VerdictIds.planKey(Action.DISABLE_USER, g.actorUser(), null, null));
        }
        return plans;
    }

    /**
     * Whether a group may be answered from the memory of benign templates: lines without a signal. A
     * signal line is never answered from memory.
     */
    static boolean memorable(EventGroup g) {
        return g.signal() == Signal.NONE;
    }

    /**
     * The memory's key, a digest with nothing of the log text itself: of (format, template) for a group
     * across actors or without one; for an actor grouped alone (its volume stood out, or it sent a
     * signal line elsewhere) of (format, template, actor, order of magnitude of its count), so what the
     * model judged benign for one actor is not taken for another, nor for the same actor at ten times
     * the volume.
     */
    static String memoryKey(EventGroup g) {
        if (g.crossActor() || (g.actorIp() == null && g.actorUser() == null)) {
            return Digests.sha256Hex("benign-template", g.format().wire(), g.template()).substring(0, 40);
        }
        String magnitude = Integer.toString(64 - Long.numberOfLeadingZeros(g.count()));
        return Digests.sha256Hex("benign-actor-template", g.format().wire(), g.template(), String.valueOf(g.actorIp()),
                String.valueOf(g.actorUser()), magnitude).substring(0, 40);
    }
}
