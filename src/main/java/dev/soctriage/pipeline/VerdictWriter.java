package dev.soctriage.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.soctriage.verdict.Contribution;
import dev.soctriage.verdict.InvalidVerdictException;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.OpenPlans;
import dev.soctriage.verdict.OpenPlans.Recorded;
import dev.soctriage.verdict.PlanStates;
import dev.soctriage.verdict.Suppressions;

/**
 * Writes one delivery's verdicts: one contribution per plan, the most severe first, all written in
 * parallel batches ({@link OpenPlans#recordAll}) until the deadline. What an earlier suppression of a
 * plan's groups dropped is shown on its verdict, then taken back from the suppression.
 */
@ApplicationScoped
public class VerdictWriter {
    private static final Logger LOG = Logger.getLogger(VerdictWriter.class);

    private final VerdictFactory verdicts;
    private final OpenPlans openPlans;
    private final Suppressions suppressions;
    private final Clock clock;
    private final IngestMetrics metrics;

    public VerdictWriter(VerdictFactory verdicts, OpenPlans openPlans, Suppressions suppressions, Clock clock,
            IngestMetrics metrics) {
        this.verdicts = verdicts;
        this.openPlans = openPlans;
        this.suppressions = suppressions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * What writing did: verdicts written to, events of plans the store found counted already, events of
     * plans whose verdict could not be made (a defect: {@code failed}), plans not reached in time, and the
     * findings written with the verdict each went to (what the memory of confirmed threats may learn).
     */
    record Written(long written, long duplicates, long failed, int notReached, int plans,
            List<RememberedThreats.Confirmed> confirmed) {
    }

    private record Prepared(Contribution contribution, Map<String, Long> carried, List<Judged> plan) {
    }

    /**
     * Opens the plans of {@code planKeys} that are new ({@link OpenPlans#open}): no verdict written, so this may
     * run while the delivery's journal is written.
     *
     * @return {@code known} with these plans
     */
    PlanStates open(Collection<String> planKeys, PlanStates known) {
        return openPlans.open(planKeys, known);
    }

    /** @param known the plans as read before the model call ({@link OpenPlans#recordAll(List, Instant, PlanStates)}) */
    Written write(String source, String deliveryId, Map<String, List<Judged>> plans, PlanStates known, Instant deadline) {
        long failed = 0;
        List<Prepared> prepared = new ArrayList<>(plans.size());
        for (List<Judged> plan : plans.values()) {
            Map<String, Long> carried = new LinkedHashMap<>();
            for (Judged p : plan) {
                if (p.suppression() != null && p.suppression().events() > 0) {
                    carried.put(VerdictFactory.feedbackKey(p.about(), source), p.suppression().events());
                }
            }
            long carriedEvents = carried.values().stream().mapToLong(Long::longValue).sum();
            try {
                Contribution c = verdicts.contribution(source, deliveryId, plan.stream().map(Judged::about).toList(),
                        plan.stream().map(Judged::finding).toList(), clock.instant(), carriedEvents > 0 ? carriedEvents : null,
                        speaking(plan).notAsked());
                prepared.add(new Prepared(c, carried, plan));
            } catch (InvalidVerdictException e) {
                // one group's defect costs that group, never the delivery: a retry would fail the same way
                // and take every other group of the delivery with it to the dead-letter queue
                long lost = plan.stream().mapToLong(p -> p.about().count()).sum();
                failed += lost;
                LOG.errorf("no verdict for %d event(s) of %s: %s", lost, source, e.getMessage());
            }
        }
        // the most pressing first: if time runs out, what is left is the least severe
        prepared.sort(Comparator.comparing((Prepared p) -> p.contribution().verdict().severity()).reversed()
                .thenComparing(p -> -p.contribution().verdict().eventCount()));
        List<Recorded> recorded = prepared.isEmpty() ? List.of()
                : openPlans.recordAll(prepared.stream().map(Prepared::contribution).toList(), deadline, known);
        long written = 0;
        long duplicates = 0;
        int notReached = 0;
        List<RememberedThreats.Confirmed> confirmed = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            Recorded r = recorded.get(i);
            if (r == null) {
                notReached++;
            } else if (r.outcome() == Recorded.Outcome.DUPLICATE) {
                duplicates += p.contribution().verdict().eventCount();
            } else {
                written++;
                Verdict v = r.verdict();
                metrics.verdict(p.contribution().verdict().evidence().lastSeen(), clock.instant().toString());
                p.carried().forEach((key, n) -> suppressions.countSuppressed(key, -n));
                p.plan().forEach(j -> confirmed.add(new RememberedThreats.Confirmed(j.about(), j.finding(), v.id())));
                LOG.infof("verdict %s %s %s %s engine=%s events=%d groups=%d", v.id(), r.outcome(),
                        v.severity().wire(), v.action().wire(), v.assessment().engine(),
                        p.contribution().verdict().eventCount(), p.plan().size());
            }
        }
        return new Written(written, duplicates, failed, notReached, prepared.size(), confirmed);
    }

    /** The group whose finding speaks for the plan, as {@link VerdictFactory#contribution} chooses it. */
    private static Judged speaking(List<Judged> plan) {
        Judged speaking = plan.get(0);
        for (Judged j : plan) {
            if (j.finding().severity().compareTo(speaking.finding().severity()) > 0) {
                speaking = j;
            }
        }
        return speaking;
    }
}
