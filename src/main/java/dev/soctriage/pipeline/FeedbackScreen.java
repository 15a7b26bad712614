package dev.soctriage.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.soctriage.group.EventGroup;
import dev.soctriage.ingest.LogBatch;
import dev.soctriage.triage.Judgement;
import dev.soctriage.verdict.DeliveryMarkers;
import dev.soctriage.verdict.DeliveryMarkers.Delivery;
import dev.soctriage.verdict.Suppressions;
import dev.soctriage.verdict.Suppressions.Suppression;

/**
 * The suppress step: which of a delivery's groups are judged at all. A group an earlier attempt of the
 * delivery already wrote stays where it went (docs/contract.md, invariant 4); a group an analyst rejected
 * as a false positive — its source, signal, template and actor — is counted, not queued, while the
 * suppression lasts; the rest is open.
 */
@ApplicationScoped
public class FeedbackScreen {
    private static final Logger LOG = Logger.getLogger(FeedbackScreen.class);

    private final DeliveryMarkers deliveries;
    private final Suppressions suppressions;
    private final IngestMetrics metrics;
    private final Clock clock;

    public FeedbackScreen(DeliveryMarkers deliveries, Suppressions suppressions, IngestMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A delivery's groups after the screen.
     *
     * @param open       the groups to judge
     * @param feedback   the suppressions recorded for the groups, by feedback key (grows as findings narrow)
     * @param asked      the feedback keys read so far, suppressed or not (grows as findings narrow): a key is
     *                   read once per delivery
     * @param journal    group digest → plan: an earlier attempt's, then this attempt's
     * @param resumed    events an earlier attempt already wrote
     * @param suppressed events dropped by feedback
     */
    public record Screened(List<EventGroup> open, Map<String, Suppression> feedback, Set<String> asked,
            Map<String, String> journal, long resumed, long suppressed) {
    }

    /**
     * The analyst's feedback on a delivery's groups, as read ({@link #read}): decides nothing yet, and writes
     * nothing, so it may be read beside the delivery's other reads.
     *
     * @param asked the feedback keys read
     * @param found the suppressions found, by feedback key
     */
    public record Feedback(Set<String> asked, Map<String, Suppression> found) {
    }

    /** Reads the suppressions of {@code groups}' feedback keys, in one {@code BatchGetItem} per 100. */
    public Feedback read(List<EventGroup> groups, String source) {
        Set<String> asked = groups.stream().map(g -> VerdictFactory.feedbackKey(g, source))
                .collect(Collectors.toSet());
        return new Feedback(asked, suppressions.suppressions(asked));
    }

    /** @param read {@link #read} of these groups */
    public Screened screen(List<EventGroup> groups, LogBatch batch, Delivery delivery, Feedback read) {
        Map<String, String> journal = new HashMap<>(delivery.journal());
        Set<String> counted = journal.isEmpty() ? Set.of() : deliveries.counted(Set.copyOf(journal.values()), batch.deliveryId());
        Set<String> asked = new HashSet<>(read.asked());
        Map<String, Suppression> feedback = new HashMap<>(read.found());
        List<EventGroup> open = new ArrayList<>(groups.size());
        long resumed = 0;
        long suppressed = 0;
        for (EventGroup g : groups) {
            String plan = journal.get(VerdictFactory.journalKey(g));
            if (plan != null && counted.contains(plan)) {
                resumed += g.count();
            } else if (suppressed(g, batch.source(), feedback)) {
                suppressed += g.count();
            } else {
                open.add(g);
            }
        }
        if (resumed > 0) {
            LOG.infof("delivery %s from %s: %d events already written by an earlier attempt", batch.deliveryId(),
                    batch.source(), resumed);
        }
        return new Screened(open, feedback, asked, journal, resumed, suppressed);
    }

    /**
     * A finding about one actor of a cross-actor group: that actor's feedback counts too. Only keys not read
     * yet are read (a finding about its own group, the usual case, reads nothing more).
     */
    public void narrow(List<Judgement> judgements, String source, Screened screened) {
        Set<String> narrowed = judgements.stream().filter(j -> j.finding().isPresent())
                .map(j -> VerdictFactory.feedbackKey(j.about(), source)).filter(k -> !screened.asked().contains(k))
                .collect(Collectors.toSet());
        if (!narrowed.isEmpty()) {
            screened.feedback().putAll(suppressions.suppressions(narrowed));
            screened.asked().addAll(narrowed);
        }
    }

    /** True, and the events counted on the suppression, while an analyst's false-positive rejection covers {@code g}. */
    public boolean suppressed(EventGroup g, String source, Map<String, Suppression> feedback) {
        String feedbackKey = VerdictFactory.feedbackKey(g, source);
        Suppression s = feedback.get(feedbackKey);
        if (s != null && s.until().isAfter(clock.instant())) {
            suppressions.countSuppressed(feedbackKey, g.count());
            metrics.suppressed(g.count());
            return true;
        }
        return false;
    }
}
