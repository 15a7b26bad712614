package dev.soctriage.pipeline;

import java.time.Clock;
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
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.text.Digests;
import dev.soctriage.triage.DetectionClassifier;
import dev.soctriage.triage.Finding;
import dev.soctriage.triage.Judgement;
import dev.soctriage.triage.TriageService;
import dev.soctriage.verdict.SourceReadings;
import dev.soctriage.verdict.StoreConfig;
import dev.soctriage.verdict.DeliveryMarkers;
import dev.soctriage.verdict.DeliveryMarkers.Delivery;
import dev.soctriage.verdict.Suppressions;
import dev.soctriage.verdict.Suppressions.Suppression;

/**
 * ingest-triage, stage by stage: decode → parse → group → triage → write verdicts.
 *
 * <p>Nothing is lost (docs/contract.md, invariant 3): every event ends in a group that is judged — a verdict
 * or benign — or the invocation fails and the platform retries it. A redelivery adds nothing
 * (invariant 4): a delivery already fully processed is answered from its marker without triaging
 * again, and a partly processed one — an attempt failed after writing verdicts, before its marker —
 * finds the journal it left: each group it wrote stays on the plan it went to, however this attempt
 * would judge it. Findings with the same plan join the plan's open verdict, from any delivery
 * (invariant 6). Model calls stop when the time left is what the delivery's verdicts need to be written
 * ({@link WriteBudget}); the rules judge the rest, and verdicts are written in parallel batches.
 */
@ApplicationScoped
public class IngestPipeline {
    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);

    private final EnvelopeDecoder decoder;
    private final Parsers parsers;
    private final Grouper grouper;
    private final DetectionClassifier classifier;
    private final TriageService triage;
    private final DeliveryMarkers deliveries;
    private final Suppressions suppressions;
    private final IngestConfig config;
    private final KnownAnswers known;
    private final Clock clock;
    private final Metrics metrics;
    private final VerdictWriter writer;
    private final StoreConfig storeConfig;
    private final SourceReadings readings;

    public IngestPipeline(EnvelopeDecoder decoder, Parsers parsers, Grouper grouper, DetectionClassifier classifier,
            TriageService triage, VerdictWriter writer, DeliveryMarkers deliveries, Suppressions suppressions,
            IngestConfig config, StoreConfig storeConfig, KnownAnswers known, Clock clock, Metrics metrics, SourceReadings readings) {
        this.metrics = metrics;
        this.readings = readings;
        this.decoder = decoder;
        this.parsers = parsers;
        this.grouper = grouper;
        this.classifier = classifier;
        this.triage = triage;
        this.writer = writer;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.config = config;
        this.storeConfig = storeConfig;
        this.known = known;
        this.clock = clock;
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
        Delivery delivery = deliveries.delivery(batch.deliveryId());
        if (delivery.done()) {
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
        long suppressed = 0;
        // what an earlier attempt wrote stays where it went, however this attempt would judge it (invariant 4)
        Map<String, String> journal = new HashMap<>(delivery.journal());
        Set<String> counted = journal.isEmpty() ? Set.of() : deliveries.counted(Set.copyOf(journal.values()), batch.deliveryId());
        long resumed = 0;
        Map<String, Suppression> feedback = new HashMap<>(suppressions.suppressions(
                groups.stream().map(g -> VerdictFactory.feedbackKey(g, batch.source())).collect(Collectors.toSet())));
        List<EventGroup> open = new ArrayList<>(groups.size());
        for (EventGroup g : groups) {
            String plan = journal.get(journalKey(g));
            if (plan != null && counted.contains(plan)) {
                resumed += g.count();
            } else if (isSuppressed(g, batch.source(), feedback)) {
                suppressed += g.count();
                metrics.suppressed(g.count());
            } else {
                open.add(g);
            }
        }
        if (resumed > 0) {
            LOG.infof("delivery %s from %s: %d events already written by an earlier attempt", batch.deliveryId(),
                    batch.source(), resumed);
        }
        // what need not be asked again: remembered benign templates, more of a threat whose verdict is open
        KnownAnswers.Split split = known.split(open, batch.source());
        List<Judgement> judgements = new ArrayList<>(split.answered());
        // independent groups are judged concurrently; model calls stop in time to write the verdicts
        int expected = (int) (split.answered().stream().filter(j -> j.finding().isPresent()).count()
                + split.toAsk().stream().filter(g -> g.signal() != Signal.NONE).count());
        WriteBudget budget = new WriteBudget(clock, deadline, config.writeReserve(), config.writeEstimate(),
                storeConfig.writeConcurrency(), expected);
        List<Judgement> answers = triage.judgeAll(split.toAsk(), budget);
        int learned = known.learn(split, answers);
        judgements.addAll(answers);
        // a finding about one actor of a cross-actor group: that actor's feedback counts too
        Set<String> narrowedKeys = judgements.stream().filter(j -> j.finding().isPresent())
                .map(j -> VerdictFactory.feedbackKey(j.about(), batch.source())).filter(k -> !feedback.containsKey(k))
                .collect(Collectors.toSet());
        if (!narrowedKeys.isEmpty()) {
            feedback.putAll(suppressions.suppressions(narrowedKeys));
        }
        long llmCalls = 0;
        // groups that yield the same plan become one verdict: one line per thing to decide
        Map<String, List<Judged>> plans = new LinkedHashMap<>();
        for (Judgement j : judgements) {
            llmCalls += j.llmCalls();
            metrics.judged(j.llmCalls(), j.finding().map(f -> String.valueOf(f.engine())).orElse(null));
            if (j.finding().isEmpty()) {
                continue;
            }
            EventGroup g = j.about();
            if (isSuppressed(g, batch.source(), feedback)) {
                suppressed += g.count();
                metrics.suppressed(g.count());
                continue;
            }
            Finding f = j.finding().get();
            String planKey = VerdictFactory.planKey(f, batch.source());
            plans.computeIfAbsent(planKey, k -> new ArrayList<>())
                    .add(new Judged(j.group() == null ? g : j.group(), g, f, feedback.get(VerdictFactory.feedbackKey(g, batch.source())),
                            j.notAsked()));
            journal.put(journalKey(j.group() == null ? g : j.group()), planKey);
        }
        if (split.memoryHits() > 0 || learned > 0 || split.openVerdictHits() > 0) {
            LOG.infof("%s: %d groups answered from memory (benign templates, confirmed threats), %d templates remembered, "
                    + "%d groups joined open verdicts without a model call", batch.source(), split.memoryHits(), learned,
                    split.openVerdictHits());
        }
        if (!plans.isEmpty()) {
            // before the first verdict write: where each group goes, for a retry after a failure
            deliveries.journal(batch.deliveryId(), journal, clock.instant());
        }
        VerdictWriter.Written w = writer.write(batch.source(), batch.deliveryId(), plans, deadline);
        known.written(w.confirmed());
        if (suppressed > 0) {
            LOG.infof("%d events of %s suppressed by analyst feedback", suppressed, batch.source());
        }
        if (w.notReached() > 0) {
            // never "nothing done": what was written stays written, and the platform's retry finds it in
            // the journal and writes only the rest
            throw new BudgetExceededException("delivery " + batch.deliveryId() + " from " + batch.source() + ": "
                    + (w.plans() - w.notReached()) + " of " + w.plans() + " verdicts written within ingest.time-budget "
                    + config.timeBudget() + "; the retry of this delivery writes the other " + w.notReached());
        }
        // how the lines were read, for the console's view of the source (an operator must see a log read as noise)
        readings.record(batch.source(), reading.lines(), reading.formats(), reading.unknown(), reading.samples(),
                clock.instant());
        deliveries.recordDelivery(batch.deliveryId(), clock.instant());
        return new IngestResult(events, groups.size(), w.written(), w.duplicates() + resumed, llmCalls,
                failed + w.failed(), split.memoryHits(), split.openVerdictHits()).read(reading);
    }

    /** A group's name in the delivery journal: a digest of its key, which a retry of the same input finds again. */
    static String journalKey(EventGroup g) {
        return Digests.sha256Hex("journal-group", g.key()).substring(0, 24);
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
            List<EventGroup> groups = session.finish();
            if (session.overflowed()) {
                LOG.warnf("delivery %s from %s: more than group.max-groups groups; the lines past it were aggregated "
                        + "per format and signal", batch.deliveryId(), batch.source());
            }
            return groups;
        } catch (BudgetExceededException e) {
            throw new BudgetExceededException("delivery " + batch.deliveryId() + " from " + batch.source()
                    + " cannot be triaged within this invocation's budget (ingest.grouping-budget "
                    + config.groupingBudget() + "): " + e.getMessage() + "; nothing was written. Split the input "
                    + "into smaller deliveries or raise the budget");
        }
    }

    private boolean isSuppressed(EventGroup g, String source, Map<String, Suppression> feedback) {
        String feedbackKey = VerdictFactory.feedbackKey(g, source);
        Suppression s = feedback.get(feedbackKey);
        if (s != null && s.until().isAfter(clock.instant())) {
            // an analyst rejected this (source, rule, template, actor) as a false positive: count, don't queue
            suppressions.countSuppressed(feedbackKey, g.count());
            return true;
        }
        return false;
    }
}
