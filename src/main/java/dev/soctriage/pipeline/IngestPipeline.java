package dev.soctriage.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;

import dev.soctriage.config.Metrics;
import dev.soctriage.group.BudgetExceededException;
import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.group.GroupingSession;
import dev.soctriage.ingest.EnvelopeDecoder;
import dev.soctriage.ingest.IngestConfig;
import dev.soctriage.ingest.LogBatch;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.triage.DetectionClassifier;
import dev.soctriage.triage.Finding;
import dev.soctriage.triage.Judgement;
import dev.soctriage.triage.TriageService;
import dev.soctriage.verdict.InvalidVerdictException;
import dev.soctriage.verdict.SourceReadings;
import dev.soctriage.verdict.Contribution;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictStore;
import dev.soctriage.verdict.VerdictStore.Recorded;
import dev.soctriage.verdict.VerdictStore.Suppression;

/**
 * ingest-triage, stage by stage: decode → parse → group → triage → write verdicts.
 *
 * <p>Nothing is lost (docs/contract.md, invariant 3): every event ends in a group that is judged — a verdict
 * or benign — or the invocation fails and the platform retries it. A redelivery adds nothing
 * (invariant 4): a delivery already fully processed is answered from its marker without triaging
 * again, and a partly processed one finds its delivery id on the verdicts it already joined. Findings
 * with the same plan join the plan's open verdict, from any delivery (invariant 6).
 */
@ApplicationScoped
public class IngestPipeline {
    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);

    private final EnvelopeDecoder decoder;
    private final Parsers parsers;
    private final Grouper grouper;
    private final DetectionClassifier classifier;
    private final TriageService triage;
    private final VerdictFactory verdicts;
    private final VerdictStore store;
    private final IngestConfig config;
    private final KnownAnswers known;
    private final Clock clock;
    private final Metrics metrics;
    private final SourceReadings readings;
    /** what one verdict write may take, to judge before the first write whether all fit in the time left */
    static final Duration WRITE_ESTIMATE = Duration.ofMillis(40);

    public IngestPipeline(EnvelopeDecoder decoder, Parsers parsers, Grouper grouper, DetectionClassifier classifier,
            TriageService triage, VerdictFactory verdicts, VerdictStore store, IngestConfig config,
            KnownAnswers known, Clock clock, Metrics metrics, SourceReadings readings) {
        this.metrics = metrics;
        this.readings = readings;
        this.decoder = decoder;
        this.parsers = parsers;
        this.grouper = grouper;
        this.classifier = classifier;
        this.triage = triage;
        this.verdicts = verdicts;
        this.store = store;
        this.config = config;
        this.known = known;
        this.clock = clock;
    }

    /** A group, what triage found in it, and the analyst's suppression of it if one was recorded. */
    private record Judged(EventGroup group, Finding finding, Suppression suppression) {
    }

    public IngestResult ingest(JsonNode event) {
        Instant start = clock.instant();
        Instant deadline = start.plus(config.timeBudget());
        List<LogBatch> batches = decoder.decode(event);
        IngestResult total = IngestResult.EMPTY;
        try {
            for (LogBatch batch : batches) {
                total = total.plus(process(batch, start, deadline));
            }
        } finally {
            batches.forEach(LogBatch::close);
        }
        LOG.infof("ingest-triage result events=%d groups=%d verdicts=%d duplicates=%d llmCalls=%d memoryHits=%d "
                + "openVerdictHits=%d failed=%d unknownLines=%d formats=%s ms=%d", total.events(), total.groups(),
                total.verdicts(), total.duplicates(), total.llmCalls(), total.memoryHits(), total.openVerdictHits(),
                total.failed(), total.unknownLines(), total.formats(), clock.millis() - start.toEpochMilli());
        metrics.ingest(total.events(), total.groups(), total.verdicts(), total.duplicates(), total.failed());
        return total;
    }

    private IngestResult process(LogBatch batch, Instant start, Instant deadline) {
        if (batch.control()) {
            LOG.infof("control message from %s acknowledged", batch.source());
            return IngestResult.EMPTY;
        }
        if (store.deliverySeen(batch.deliveryId())) {
            long events = batch.forEachChunk(config.chunkLines(), chunk -> { });
            LOG.infof("delivery %s from %s was processed before: %d duplicate events", batch.deliveryId(),
                    batch.source(), events);
            return new IngestResult(events, 0, 0, events, 0, batch.failures().size());
        }
        Reading reading = new Reading();
        List<EventGroup> groups = group(batch, start, reading);
        long events = groups.stream().mapToLong(EventGroup::count).sum();
        for (String failure : batch.failures()) {
            LOG.warnf("failed record in %s: %s", batch.source(), failure);
        }
        long failed = batch.failures().size();
        long written = 0;
        long duplicates = 0;
        long llmCalls = 0;
        long suppressed = 0;
        // groups that yield the same plan become one verdict: one line per thing to decide
        Map<String, List<Judged>> plans = new LinkedHashMap<>();
        Map<String, Suppression> feedback = new HashMap<>(store.suppressions(
                groups.stream().map(VerdictFactory::feedbackKey).collect(Collectors.toSet())));
        List<EventGroup> open = new ArrayList<>(groups.size());
        for (EventGroup g : groups) {
            if (isSuppressed(g, feedback)) {
                suppressed += g.count();
                metrics.suppressed(g.count());
            } else {
                open.add(g);
            }
        }
        // what need not be asked again: remembered benign templates, more of a threat whose verdict is open
        KnownAnswers.Split split = known.split(open, batch.source());
        List<EventGroup> asked = split.toAsk();
        List<Judgement> judgements = new ArrayList<>(split.answered());
        // independent groups are judged concurrently; model calls stop in time to write the verdicts
        List<Judgement> answers = triage.judgeAll(asked, deadline.minus(config.writeReserve()));
        int learned = known.learn(split, answers);
        judgements.addAll(answers);
        // a finding about one actor of a cross-actor group: that actor's feedback counts too
        Set<String> narrowedKeys = judgements.stream().filter(j -> j.finding().isPresent())
                .map(j -> VerdictFactory.feedbackKey(j.about())).filter(k -> !feedback.containsKey(k))
                .collect(Collectors.toSet());
        if (!narrowedKeys.isEmpty()) {
            feedback.putAll(store.suppressions(narrowedKeys));
        }
        for (Judgement j : judgements) {
            llmCalls += j.llmCalls();
            metrics.judged(j.llmCalls(), j.finding().map(f -> String.valueOf(f.engine())).orElse(null));
            if (j.finding().isEmpty()) {
                continue;
            }
            EventGroup g = j.about();
            if (isSuppressed(g, feedback)) {
                suppressed += g.count();
                metrics.suppressed(g.count());
                continue;
            }
            Finding f = j.finding().get();
            plans.computeIfAbsent(VerdictFactory.planKey(f, batch.source()), k -> new ArrayList<>())
                    .add(new Judged(g, f, feedback.get(VerdictFactory.feedbackKey(g))));
        }
        if (split.memoryHits() > 0 || learned > 0 || split.openVerdictHits() > 0) {
            LOG.infof("%s: %d groups answered from the memory of benign templates, %d templates remembered, "
                    + "%d groups joined open verdicts without a model call", batch.source(), split.memoryHits(), learned,
                    split.openVerdictHits());
        }
        checkTimeToWrite(batch, plans.size(), deadline);
        for (List<Judged> plan : plans.values()) {
            // what earlier suppressions of these groups dropped is shown on this verdict, then taken back
            Map<String, Long> carried = new LinkedHashMap<>();
            for (Judged p : plan) {
                if (p.suppression() != null && p.suppression().events() > 0) {
                    carried.put(VerdictFactory.feedbackKey(p.group()), p.suppression().events());
                }
            }
            long carriedEvents = carried.values().stream().mapToLong(Long::longValue).sum();
            Contribution c;
            try {
                c = verdicts.contribution(batch.source(), batch.deliveryId(),
                        plan.stream().map(Judged::group).toList(), plan.stream().map(Judged::finding).toList(),
                        clock.instant(), carriedEvents > 0 ? carriedEvents : null);
            } catch (InvalidVerdictException e) {
                // one group's defect costs that group, never the delivery: a retry would fail the same way
                // and take every other group of the delivery with it to the dead-letter queue
                long lost = plan.stream().mapToLong(p -> p.group().count()).sum();
                failed += lost;
                LOG.errorf("no verdict for %d event(s) of %s: %s", lost, batch.source(), e.getMessage());
                continue;
            }
            // joins the plan's open verdict, or opens one (docs/contract.md, invariant 6)
            Recorded r = store.record(c);
            Verdict v = r.verdict();
            if (r.outcome() == Recorded.Outcome.DUPLICATE) {
                duplicates += c.verdict().eventCount();
            } else {
                written++;
                metrics.verdict(c.verdict().evidence().lastSeen(), clock.instant().toString());
                carried.forEach((key, n) -> store.countSuppressed(key, -n));
                LOG.infof("verdict %s %s %s %s engine=%s events=%d groups=%d", v.id(), r.outcome(),
                        v.severity().wire(), v.action().wire(), v.assessment().engine(), c.verdict().eventCount(),
                        plan.size());
            }
        }
        if (suppressed > 0) {
            LOG.infof("%d events of %s suppressed by analyst feedback", suppressed, batch.source());
        }
        // how the lines were read, for the console's view of the source (an operator must see a log read as noise)
        readings.record(batch.source(), reading.lines(), reading.formats(), reading.unknown(), reading.samples(),
                clock.instant());
        store.recordDelivery(batch.deliveryId(), clock.instant());
        return new IngestResult(events, groups.size(), written, duplicates, llmCalls, failed, split.memoryHits(),
                split.openVerdictHits()).read(reading);
    }

    /** Reads, parses and groups the batch chunk by chunk, within the grouping budget, holding groups only. */
    private List<EventGroup> group(LogBatch batch, Instant start, Reading reading) {
        Instant groupingDeadline = start.plus(config.groupingBudget());
        GroupingSession session = grouper.session(classifier, clock, groupingDeadline);
        try {
            batch.forEachChunk(config.chunkLines(), chunk -> {
                if (clock.instant().isAfter(groupingDeadline)) {
                    throw new BudgetExceededException("parsing passed its deadline after " + session.events() + " events");
                }
                List<ParsedEvent> parsed = parsers.parseAll(chunk);
                reading.add(parsed);
                session.add(parsed);
            });
            return session.finish();
        } catch (BudgetExceededException e) {
            throw new BudgetExceededException("delivery " + batch.deliveryId() + " from " + batch.source()
                    + " cannot be triaged within this invocation's budget (ingest.grouping-budget "
                    + config.groupingBudget() + "): " + e.getMessage() + "; nothing was written. Split the input "
                    + "into smaller deliveries or raise the budget");
        }
    }

    /**
     * Refuses, before the first write, a batch whose verdicts could not all be written in the time left:
     * never a timeout after partial writes. A verdict write is one or two conditional writes of a few
     * milliseconds; {@link #WRITE_ESTIMATE} leaves room for a slow store.
     */
    private void checkTimeToWrite(LogBatch batch, int verdicts, Instant deadline) {
        Duration needed = WRITE_ESTIMATE.multipliedBy(verdicts + 1L);
        Duration left = Duration.between(clock.instant(), deadline);
        if (needed.compareTo(left) > 0) {
            throw new BudgetExceededException("delivery " + batch.deliveryId() + " from " + batch.source() + ": "
                    + verdicts + " verdicts to write need about " + needed.toMillis() + " ms, " + left.toMillis()
                    + " ms left of ingest.time-budget; nothing was written. Split the input into smaller deliveries");
        }
    }

    private boolean isSuppressed(EventGroup g, Map<String, Suppression> feedback) {
        String feedbackKey = VerdictFactory.feedbackKey(g);
        Suppression s = feedback.get(feedbackKey);
        if (s != null && s.until().isAfter(clock.instant())) {
            // an analyst rejected this (rule, actor) as a false positive: count, don't queue
            store.countSuppressed(feedbackKey, g.count());
            return true;
        }
        return false;
    }
}
