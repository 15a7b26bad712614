package dev.soctriage.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.group.EventGroup;
import dev.soctriage.model.Action;
import dev.soctriage.model.Engine;
import dev.soctriage.model.Signal;
import dev.soctriage.net.Ips;
import dev.soctriage.text.Digests;
import dev.soctriage.text.Texts;
import dev.soctriage.triage.Finding;
import dev.soctriage.triage.Judgement;
import dev.soctriage.triage.TriageService;
import dev.soctriage.verdict.ConfirmedThreat;
import dev.soctriage.verdict.TemplateMemoryConfig;
import dev.soctriage.verdict.ThreatMemory;

/**
 * The memory of confirmed threats (docs/triage.md): a signal group of one actor whose pattern — format,
 * template, signal — the model confirmed as a threat within {@code triage.memory.threat-ttl}, and no
 * analyst rejected, is written from that judgement, aimed at its own actor, without a model call. The
 * model is asked again when the pattern is new, when the evidence is stronger than what was confirmed
 * (the rules rank it higher, it matched a detection rule the confirmed group did not, or it has ten
 * times the events) or much weaker (under half the events), or when the memory expired. The guard checks every remembered target as it checks
 * the model's.
 */
@ApplicationScoped
public class RememberedThreats {
    /** A group with this many times the confirmed group's events is stronger evidence: asked again. */
    static final long STRONGER_FACTOR = 10;

    private final TriageService triage;
    private final ThreatMemory memory;
    private final TemplateMemoryConfig config;
    private final Clock clock;

    public RememberedThreats(TriageService triage, ThreatMemory memory, TemplateMemoryConfig config, Clock clock) {
        this.triage = triage;
        this.memory = memory;
        this.config = config;
        this.clock = clock;
    }

    /** Groups split: judged from memory ({@code answered}), and left to ask, in order. */
    public record Split(List<Judgement> answered, List<EventGroup> toAsk) {
    }

    /** A verdict written for {@code group} on {@code finding}: what {@link #learn} may remember. */
    public record Confirmed(EventGroup group, Finding finding, String verdictId) {
    }

    /**
     * What the memory holds of {@code groups}' patterns (pattern key → the confirmation still standing); empty,
     * with nothing read, when the memory is off or no model is configured. A read that decides nothing yet:
     * {@link #split} decides, for any of these groups.
     */
    public Map<String, ConfirmedThreat> recall(List<EventGroup> groups) {
        if (!enabled() || groups.stream().noneMatch(RememberedThreats::memorable)) {
            return Map.of();
        }
        Set<String> keys = new HashSet<>();
        groups.stream().filter(RememberedThreats::memorable).forEach(g -> keys.add(patternKey(g)));
        return memory.recall(keys, clock.instant());
    }

    /** {@code groups} split on what {@link #recall} found of them (or of more groups). */
    public Split split(List<EventGroup> groups, Map<String, ConfirmedThreat> recalled) {
        if (!enabled() || recalled.isEmpty()) {
            return new Split(List.of(), groups);
        }
        List<Judgement> answered = new ArrayList<>();
        List<EventGroup> toAsk = new ArrayList<>(groups.size());
        for (EventGroup g : groups) {
            ConfirmedThreat c = memorable(g) ? recalled.get(patternKey(g)) : null;
            Optional<Judgement> j = c == null || !comparable(g, c) ? Optional.empty() : remembered(g, c);
            if (j.isPresent()) {
                answered.add(j.get());
            } else {
                toAsk.add(g);
            }
        }
        return new Split(answered, toAsk);
    }

    private boolean enabled() {
        return config.threats() && triage.modelEnabled();
    }

    /**
     * Remembers the patterns of fresh model findings that verdicts were written for: a group of one
     * actor with a signal, whose target was that actor (or none, for {@code monitor}).
     */
    public void learn(List<Confirmed> written) {
        if (!config.threats() || written.isEmpty()) {
            return;
        }
        Map<String, ConfirmedThreat> confirmed = new HashMap<>();
        for (Confirmed w : written) {
            Finding f = w.finding();
            String role = role(w.group(), f);
            if (f.engine() == Engine.LLM && f.rememberedFrom() == null && memorable(w.group()) && role != null) {
                int rulesRank = triage.judgeByRules(w.group()).finding().map(r -> r.severity().rank()).orElse(0);
                confirmed.put(patternKey(w.group()), new ConfirmedThreat(w.verdictId(), f.severity(), f.threatType(),
                        f.action(), role, f.reasoning(), f.mitre(), f.model(), w.group().count(), rulesRank,
                        w.group().detections()));
            }
        }
        if (!confirmed.isEmpty()) {
            memory.confirm(confirmed, clock.instant());
        }
    }

    private Optional<Judgement> remembered(EventGroup g, ConfirmedThreat c) {
        String target = switch (c.role()) {
            case ConfirmedThreat.ROLE_IP -> g.actorIp();
            case ConfirmedThreat.ROLE_USER -> g.actorUser();
            default -> null;
        };
        if (target == null && !ConfirmedThreat.ROLE_NONE.equals(c.role())) {
            return Optional.empty();
        }
        String reasoning = Texts.cap("Same pattern as verdict " + c.verdictId() + ", which the model judged: "
                + c.reasoning(), 2000);
        Finding f = Finding.byModel(c.severity(), c.threatType(), c.action(), target, reasoning, c.mitre(), c.model())
                .withRememberedFrom(c.verdictId());
        return triage.judgeRemembered(g, f);
    }

    /**
     * Evidence like what was confirmed: not stronger (ranked by the rules higher than they ranked the
     * confirmed group or than the model's severity — as a repeat that would raise an open verdict's
     * severity is asked about —, a detection rule more,
     * {@link #STRONGER_FACTOR} times the events), nor much weaker (under half the events: one failed login
     * is not the brute force the model confirmed, and is asked about on its own).
     */
    private boolean comparable(EventGroup g, ConfirmedThreat c) {
        if (!c.detections().containsAll(g.detections()) || g.count() >= STRONGER_FACTOR * Math.max(1, c.events())
                || g.count() * 2L < c.events()) {
            return false;
        }
        int rulesRank = triage.judgeByRules(g).finding().map(r -> r.severity().rank()).orElse(0);
        return rulesRank <= c.rulesRank() && rulesRank <= c.severity().rank();
    }

    /** Whose value the finding's target is in the group, or null when it is neither actor (not remembered). */
    private static String role(EventGroup g, Finding f) {
        if (f.target() == null) {
            return f.action() == Action.MONITOR ? ConfirmedThreat.ROLE_NONE : null;
        }
        if (f.action() != Action.DISABLE_USER && g.actorIp() != null && g.actorIp().equals(Ips.canonical(f.target()))) {
            return ConfirmedThreat.ROLE_IP;
        }
        if (f.action() != Action.BLOCK_IP && f.target().equals(g.actorUser())) {
            return ConfirmedThreat.ROLE_USER;
        }
        return null;
    }

    /** One actor's signal lines: a pattern another actor can repeat. */
    static boolean memorable(EventGroup g) {
        return g.signal() != Signal.NONE && !g.crossActor() && (g.actorIp() != null || g.actorUser() != null);
    }

    /** A digest of (format, template, signal): nothing of the log text, nothing of the actor. */
    static String patternKey(EventGroup g) {
        return Digests.sha256Hex("confirmed-threat", g.format().wire(), g.template(), g.signal().wire()).substring(0, 40);
    }
}
