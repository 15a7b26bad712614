package dev.soctriage.verdict;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.soctriage.group.EventGroup;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.UntrustedText;
import dev.soctriage.triage.Finding;

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

    /** @throws InvalidVerdictException when the result breaks the document's constraints (a defect upstream) */
    public Verdict pending(String source, String deliveryId, EventGroup g, Finding f, Instant now,
            Long suppressedEvents) {
        List<String> evidence = new ArrayList<>();
        for (ParsedEvent e : g.samples()) {
            if (evidence.size() == EVIDENCE_MAX_LINES) {
                break;
            }
            evidence.add(UntrustedText.evidence(e.line()));
        }
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        Verdict v = new Verdict(VerdictIds.of(source, deliveryId, g.key()), Status.PENDING, f.severity(),
                f.threatType(), f.action(), f.target(), f.action().targetType(), f.reasoning(), f.mitre(), f.engine(),
                f.model(), evidence, g.count(), iso(g.firstSeen()), iso(g.lastSeen()), source, created.toString(),
                null, null, null, null, f.guard(), f.crossCheck(), feedbackKey(g), null, null, null,
                created.plus(config.pendingTtl()).getEpochSecond(), suppressedEvents);
        Set<ConstraintViolation<Verdict>> violations = validator.validate(v);
        if (!violations.isEmpty()) {
            ConstraintViolation<Verdict> first = violations.iterator().next();
            throw new InvalidVerdictException(first.getPropertyPath() + " " + first.getMessage());
        }
        return v;
    }

    /**
     * What analyst feedback suppresses: the rule (format and signal) and the actor, not the mined
     * template, which depends on what else arrived in the same batch.
     */
    public static String feedbackKey(EventGroup g) {
        return g.format() + "|" + g.signal() + "|" + g.actorIp() + "|" + g.actorUser();
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
