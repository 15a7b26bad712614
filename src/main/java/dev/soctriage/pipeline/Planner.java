package dev.soctriage.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.group.EventGroup;
import dev.soctriage.triage.Finding;
import dev.soctriage.triage.Judgement;

/**
 * The plan step: groups whose findings yield the same plan (action, target, source) become one verdict —
 * one line per thing to decide (docs/contract.md, invariant 6) — and each group's plan goes in the
 * delivery's journal. A finding about a group an analyst suppressed since is dropped here.
 */
@ApplicationScoped
public class Planner {
    private final FeedbackScreen screen;
    private final IngestMetrics metrics;

    public Planner(FeedbackScreen screen, IngestMetrics metrics) {
        this.screen = screen;
        this.metrics = metrics;
    }

    /**
     * @param byPlan     plan key → the groups that go to its verdict, in the order judged
     * @param llmCalls   the model calls the judgements took
     * @param suppressed events dropped because a narrowed finding's actor is suppressed
     */
    public record Plans(Map<String, List<Judged>> byPlan, long llmCalls, long suppressed) {
    }

    /** Plans {@code judgements}; each planned group's plan is put in {@code screened}'s journal. */
    public Plans plan(List<Judgement> judgements, String source, FeedbackScreen.Screened screened) {
        screen.narrow(judgements, source, screened);
        Map<String, List<Judged>> byPlan = new LinkedHashMap<>();
        long llmCalls = 0;
        long suppressed = 0;
        for (Judgement j : judgements) {
            llmCalls += j.llmCalls();
            metrics.judged(j.llmCalls(), j.finding().map(f -> String.valueOf(f.engine())).orElse(null));
            if (j.finding().isEmpty()) {
                continue;
            }
            EventGroup about = j.about();
            if (screen.suppressed(about, source, screened.feedback())) {
                suppressed += about.count();
                continue;
            }
            Finding f = j.finding().get();
            String planKey = VerdictFactory.planKey(f, source);
            EventGroup judged = j.group() == null ? about : j.group();
            byPlan.computeIfAbsent(planKey, k -> new ArrayList<>()).add(new Judged(judged, about, f,
                    screened.feedback().get(VerdictFactory.feedbackKey(about, source)), j.notAsked()));
            screened.journal().put(VerdictFactory.journalKey(judged), planKey);
        }
        return new Plans(byPlan, llmCalls, suppressed);
    }
}
