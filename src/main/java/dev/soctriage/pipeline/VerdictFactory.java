package dev.soctriage.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.soctriage.group.EventGroup;
import dev.soctriage.model.Detection;
import dev.soctriage.model.Status;
import dev.soctriage.text.Digests;
import dev.soctriage.text.Texts;
import dev.soctriage.text.UntrustedText;
import dev.soctriage.triage.Finding;
import dev.soctriage.verdict.Contribution;
import dev.soctriage.verdict.InvalidVerdictException;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictIds;

/**
 * Turns a batch's findings for one plan into what the delivery contributes to the plan's verdict:
 * evidence verbatim from the groups' sample lines (capped at 4 KiB each), counts and times from the
 * groups; validated before it may be stored.
 */
@ApplicationScoped
public class VerdictFactory {
    private static final int EVIDENCE_MAX_LINES = Verdict.EVIDENCE_MAX_LINES;

    private final Validator validator;

    public VerdictFactory(Validator validator) {
        this.validator = validator;
    }

    /**
     * One delivery's contribution to a plan: the groups of a batch whose findings have the same plan
     * (action and target; for {@code monitor} without a target, threat type and source), as the verdict
     * it opens when none is open. The analyst sees one line per thing to decide, not one per template:
     * the most severe finding speaks for them; counts add up, times span them all, ATT&CK ids and threat
     * types are united, and the evidence takes sample lines from every group in turn. Its id names
     * the plan's first generation; the store puts the open verdict's in its place.
     *
     * @param groups   the groups, in batch order, with {@code findings} at the same positions
     * @throws InvalidVerdictException when the result breaks the document's constraints (a defect upstream)
     */
    public Contribution contribution(String source, String deliveryId, List<EventGroup> groups, List<Finding> findings,
            Instant now, Long suppressedEvents) {
        return contribution(source, deliveryId, groups, findings, now, suppressedEvents, null);
    }

    /**
     * As above; {@code modelNotAsked}: why a configured model was not asked about these groups (the rules
     * judged), shown on the verdict, or null.
     */
    public Contribution contribution(String source, String deliveryId, List<EventGroup> groups, List<Finding> findings,
            Instant now, Long suppressedEvents, String modelNotAsked) {
        Finding f = findings.get(0);
        for (Finding other : findings) {
            if (other.severity().compareTo(f.severity()) > 0) {
                f = other;
            }
        }
        Set<String> mitre = new LinkedHashSet<>(f.mitre());
        findings.forEach(x -> mitre.addAll(x.mitre()));
        Set<String> threatTypes = new LinkedHashSet<>();
        threatTypes.add(f.threatType());
        findings.forEach(x -> threatTypes.add(x.threatType()));
        long count = 0;
        Instant first = null;
        Instant last = null;
        List<String> feedbackKeys = new ArrayList<>();
        for (EventGroup g : groups) {
            count += g.count();
            first = first == null || (g.firstSeen() != null && g.firstSeen().isBefore(first)) ? g.firstSeen() : first;
            last = last == null || (g.lastSeen() != null && g.lastSeen().isAfter(last)) ? g.lastSeen() : last;
            if (!feedbackKeys.contains(feedbackKey(g, source))) {
                feedbackKeys.add(feedbackKey(g, source));
            }
        }
        String reasoning = groups.size() == 1 ? f.reasoning()
                : f.reasoning() + " (" + groups.size() + " patterns of this activity in the batch, " + count + " events)";
        String created = now.truncatedTo(ChronoUnit.MILLIS).toString();
        String planKey = planKey(f, source);
        Verdict.Assessment assessment = new Verdict.Assessment(f.severity(), f.threatType(),
                List.copyOf(threatTypes).subList(0, Math.min(20, threatTypes.size())), f.action(), f.target(),
                f.action().targetType(), Texts.cap(reasoning, 2000), List.copyOf(mitre).subList(0, Math.min(10, mitre.size())),
                f.engine().wire(), f.model(), joined(findings, Finding::guard), joined(findings, Finding::crossCheck),
                detections(f, findings), modelNotAsked, f.rememberedFrom());
        Verdict.Evidence evidence = new Verdict.Evidence(evidence(groups), count, 1, iso(first), iso(last), source,
                List.of(source), List.of(new Verdict.Timeline(created, count, iso(first), iso(last))), suppressedEvents);
        Verdict v = new Verdict(VerdictIds.of(planKey, 1), Status.PENDING, assessment, evidence, created, null, null,
                null);
        Set<ConstraintViolation<Verdict>> violations = validator.validate(v);
        if (!violations.isEmpty()) {
            ConstraintViolation<Verdict> firstViolation = violations.iterator().next();
            throw new InvalidVerdictException(firstViolation.getPropertyPath() + " " + firstViolation.getMessage());
        }
        return new Contribution(planKey, deliveryId, v, feedbackKeys);
    }

    /** The Sigma rules of every finding, the most severe finding's first, each once, capped. */
    private static List<Detection> detections(Finding first, List<Finding> findings) {
        Map<String, Detection> byId = new LinkedHashMap<>();
        first.detections().forEach(d -> byId.putIfAbsent(d.id(), d));
        findings.forEach(x -> x.detections().forEach(d -> byId.putIfAbsent(d.id(), d)));
        List<Detection> all = List.copyOf(byId.values());
        return all.subList(0, Math.min(Detection.MAX_PER_VERDICT, all.size()));
    }

    /** A group's name in the delivery journal: a digest of its key, which a retry of the same input finds again. */
    public static String journalKey(EventGroup g) {
        return Digests.sha256Hex("journal-group", g.key()).substring(0, 24);
    }

    /** The plan of a finding (docs/contract.md, invariant 6): what joins one open verdict. */
    public static String planKey(Finding f, String source) {
        return VerdictIds.planKey(f.action(), f.target(), f.threatType(), source);
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
     * What analyst feedback suppresses: what the analyst saw of a group — its source, its rule (the
     * line signal), its template and its actor where it has one — never a key that a group of another
     * source, template or actor matches (a rejected verdict about one site's browsing silenced every
     * source's). A template mined from a different mix of lines is another key: feedback errs toward
     * showing. Each part is escaped ({@code \\}, {@code \|}), so no text of a part can pass for the
     * separator; no actor is an empty part.
     */
    public static String feedbackKey(EventGroup g, String source) {
        return String.join("|", part(source), g.signal().wire(), part(g.template()), part(g.actorIp()),
                part(g.actorUser()));
    }

    private static String part(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|");
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
