package dev.soctriage.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.logging.Logger;

import dev.soctriage.group.BudgetExceededException;
import dev.soctriage.group.EventGroup;
import dev.soctriage.ingest.EnvelopeDecoder;
import dev.soctriage.ingest.IngestConfig;
import dev.soctriage.ingest.LogBatch;
import dev.soctriage.verdict.PlanStates;
import dev.soctriage.verdict.SourceReadings;
import dev.soctriage.verdict.DeliveryMarkers;
import dev.soctriage.verdict.DeliveryMarkers.Delivery;

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
    private final Grouping grouping;
    private final FeedbackScreen screen;
    private final Judge judge;
    private final Planner planner;
    private final VerdictWriter writer;
    private final DeliveryMarkers deliveries;
    private final SourceReadings readings;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final Clock clock;

    public IngestPipeline(EnvelopeDecoder decoder, Grouping grouping, FeedbackScreen screen, Judge judge,
            Planner planner, VerdictWriter writer, DeliveryMarkers deliveries, SourceReadings readings, IngestMetrics metrics,
            IngestConfig config, Clock clock) {
        this.decoder = decoder;
        this.grouping = grouping;
        this.screen = screen;
        this.judge = judge;
        this.planner = planner;
        this.writer = writer;
        this.deliveries = deliveries;
        this.readings = readings;
        this.metrics = metrics;
        this.config = config;
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

    /** One delivery: group, suppress, judge, plan, write, then its marker. */
    private IngestResult process(LogBatch batch, Instant start, Instant deadline) {
        if (batch.control()) {
            LOG.infof("control message from %s acknowledged", batch.source());
            return IngestResult.EMPTY;
        }
        Delivery delivery = deliveries.delivery(batch.deliveryId());
        if (delivery.done()) {
            return redelivered(batch);
        }
        Reading reading = new Reading();
        List<EventGroup> groups = grouping.group(batch, start, reading);
        batch.failures().forEach(failure -> LOG.warnf("failed record in %s: %s", batch.source(), failure));
        // the reads that decide what is asked, at once: the analyst's feedback, and what the store knows of the
        // groups (nothing is written until both are in: a failed read fails the delivery before any write)
        Parallel.Both<FeedbackScreen.Screened, KnownAnswers.Recall> read = Parallel.both(
                Infrastructure.getDefaultWorkerPool(), () -> screen.screen(groups, batch, delivery),
                () -> judge.recall(groups, batch.source()));
        FeedbackScreen.Screened screened = read.first();
        Judge.Judgements judged = judge.judge(screened.open(), batch.source(), deadline, read.second());
        Planner.Plans plans = planner.plan(judged.all(), batch.source(), screened);
        VerdictWriter.Written w = write(batch, plans, screened.journal(), read.second().plans(), deadline);
        long suppressed = screened.suppressed() + plans.suppressed();
        if (suppressed > 0) {
            LOG.infof("%d events of %s suppressed by analyst feedback", suppressed, batch.source());
        }
        // how the lines were read, for the console's view of the source (an operator must see a log read as noise)
        readings.record(batch.source(), reading.lines(), reading.formats(), reading.unknown(), reading.samples(),
                clock.instant());
        deliveries.recordDelivery(batch.deliveryId(), clock.instant());
        long events = groups.stream().mapToLong(EventGroup::count).sum();
        return new IngestResult(events, groups.size(), w.written(), w.duplicates() + screened.resumed(), plans.llmCalls(),
                batch.failures().size() + w.failed(), judged.memoryHits(), judged.openVerdictHits()).read(reading);
    }

    /** A delivery fully processed before: answered from its marker, its events counted as duplicates. */
    private IngestResult redelivered(LogBatch batch) {
        long events = batch.forEachChunk(config.chunkLines(), chunk -> { });
        LOG.infof("delivery %s from %s was processed before: %d duplicate events", batch.deliveryId(), batch.source(),
                events);
        return new IngestResult(events, 0, 0, events, 0, batch.failures().size());
    }

    /**
     * The write step: the journal first (where each group goes, for a retry after a failure) while the new
     * plans are opened, then the verdicts, most pressing first, until the deadline; the plans read before the
     * model call ({@code known}) are not read again.
     *
     * @throws BudgetExceededException not every verdict was written in time: what was written stays, and the
     *                                 platform's retry finds it in the journal and writes only the rest
     */
    private VerdictWriter.Written write(LogBatch batch, Planner.Plans plans, Map<String, String> journal,
            PlanStates known, Instant deadline) {
        PlanStates opened = known;
        if (!plans.byPlan().isEmpty()) {
            // the journal is in before any verdict is written; opening the new plans writes none, so it runs meanwhile
            opened = Parallel.both(Infrastructure.getDefaultWorkerPool(), () -> {
                deliveries.journal(batch.deliveryId(), journal, clock.instant());
                return known;
            }, () -> writer.open(plans.byPlan().keySet(), known)).second();
        }
        VerdictWriter.Written w = writer.write(batch.source(), batch.deliveryId(), plans.byPlan(), opened, deadline);
        judge.written(w.confirmed());
        if (w.notReached() > 0) {
            throw new BudgetExceededException("delivery " + batch.deliveryId() + " from " + batch.source() + ": "
                    + (w.plans() - w.notReached()) + " of " + w.plans() + " verdicts written within ingest.time-budget "
                    + config.timeBudget() + "; the retry of this delivery writes the other " + w.notReached());
        }
        return w;
    }
}
