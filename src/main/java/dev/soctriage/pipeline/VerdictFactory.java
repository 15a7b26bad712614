package dev.soctriage.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.soctriage.group.EventGroup;
import dev.soctriage.model.Status;
import dev.soctriage.text.Texts;
import dev.soctriage.text.UntrustedText;
import dev.soctriage.triage.Finding;
import dev.soctriage.verdict.InvalidVerdictException;
import dev.soctriage.verdict.StoreConfig;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictIds;

/**
 * Turns a group's finding into a PENDING verdict: the id from the input, evidence verbatim from the
 * group's sample lines (capped at 4 KiB each), counts and times from the group; validated before it
 * may be stored.
 */
@ApplicationScoped
public class VerdictFactory {
    static final int EVIDENCE_MAX_LINES = 20;

    private final Validator validator;
    private final StoreConfig config;

    public VerdictFactory(Validator validator, StoreConfig config) {
        this.validator = validator;
        this.config = config;
    }

    /**
     * One verdict for the groups of a batch that yielded the same plan (threat, action, target,
     * engine): the analyst sees one line per thing to decide, not one per template. The most severe
     * finding speaks for them; counts add up, times span them all, ATT&CK ids are united, and the
     * evidence takes sample lines from every group in turn.
     *
     * @param groups   the groups, in batch order, with {@code findings} at the same positions
     * @throws InvalidVerdictException when the result breaks the document's constraints (a defect upstream)
     */
    public Verdict pending(String source, String deliveryId, List<EventGroup> groups, List<Finding> findings,
            Instant now, Long suppressedEvents) {
        Finding f = findings.get(0);
        for (Finding other : findings) {
            if (other.severity().compareTo(f.severity()) > 0) {
                f = other;
            }
        }
        Set<String> mitre = new LinkedHashSet<>(f.mitre());
        findings.forEach(x -> mitre.addAll(x.mitre()));
        long count = 0;
        Instant first = null;
        Instant last = null;
        StringBuilder keys = new StringBuilder();
        for (EventGroup g : groups) {
            count += g.count();
            first = first == null || (g.firstSeen() != null && g.firstSeen().isBefore(first)) ? g.firstSeen() : first;
            last = last == null || (g.lastSeen() != null && g.lastSeen().isAfter(last)) ? g.lastSeen() : last;
            keys.append(g.key()).append('\n');
        }
        String reasoning = groups.size() == 1 ? f.reasoning()
                : f.reasoning() + " (" + groups.size() + " patterns of this activity in the batch, " + count + " events)";
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        String id = groups.size() == 1 ? VerdictIds.of(source, deliveryId, groups.get(0).key())
                : VerdictIds.of(source, deliveryId, keys.toString());
        Verdict v = new Verdict(id, Status.PENDING, f.severity(), f.threatType(), f.action(), f.target(),
                f.action().targetType(), Texts.cap(reasoning, 2000), List.copyOf(mitre).subList(0, Math.min(10, mitre.size())),
                f.engine().wire(), f.model(), evidence(groups), count, iso(first), iso(last), source, created.toString(),
                null, null, null, null, joined(findings, Finding::guard), joined(findings, Finding::crossCheck),
                feedbackKey(groups.get(0)), null, null, null, created.plus(config.pendingTtl()).getEpochSecond(),
                suppressedEvents);
        Set<ConstraintViolation<Verdict>> violations = validator.validate(v);
        if (!violations.isEmpty()) {
            ConstraintViolation<Verdict> firstViolation = violations.iterator().next();
            throw new InvalidVerdictException(firstViolation.getPropertyPath() + " " + firstViolation.getMessage());
        }
        return v;
    }

    /** Up to 20 verbatim lines (4 KiB each), taken from each group in turn so every pattern is shown. */
    private static List<String> evidence(List<EventGroup> groups) {
        List<String> evidence = new ArrayList<>();
        for (int i = 0; evidence.size() < EVIDENCE_MAX_LINES; i++) {
            boolean any = false;
            for (EventGroup g : groups) {
                if (i < g.samples().size() && evidence.size() < EVIDENCE_MAX_LINES) {
                    evidence.add(UntrustedText.evidence(g.samples().get(i).line()));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return evidence;
    }

    private static String joined(List<Finding> findings, java.util.function.Function<Finding, String> field) {
        String s = findings.stream().map(field).filter(java.util.Objects::nonNull).distinct()
                .collect(java.util.stream.Collectors.joining("; "));
        return s.isEmpty() ? null : Texts.cap(s, 2000);
    }


    /**
     * What analyst feedback suppresses: the rule (the line signal) and the actor — not the mined
     * template, which depends on what else arrived in the same batch, and not the format, so that a
     * verdict whose groups came from several formats (one client in the access log and the ALB log)
     * is suppressed by one key.
     */
    public static String feedbackKey(EventGroup g) {
        return g.signal().wire() + "|" + g.actorIp() + "|" + g.actorUser();
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
