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
        Delivery delivery;
        Ahead ahead;
        if (batch.stream() == null) {
            // lines held in memory: grouped, and the reads that decide what is asked made, while the marker is
            // read; a delivery done before is answered from its marker all the same (its lines counted again)
            Parallel.Both<Ahead, Delivery> both = Parallel.both(Infrastructure.getDefaultWorkerPool(),
                    () -> Ahead.of(() -> ahead(batch, start)), () -> deliveries.delivery(batch.deliveryId()));
            delivery = both.second();
            if (delivery.done()) {
                return redelivered(batch);
            }
            ahead = both.first().orThrow();
        } else {
            // a streamed object is read once: not before the marker says the delivery is new
            delivery = deliveries.delivery(batch.deliveryId());
            if (delivery.done()) {
                return redelivered(batch);
            }
            ahead = ahead(batch, start);
        }
        List<EventGroup> groups = ahead.groups();
        Reading reading = ahead.reading();
        batch.failures().forEach(failure -> LOG.warnf("failed record in %s: %s", batch.source(), failure));
        FeedbackScreen.Screened screened = screen.screen(groups, batch, delivery, ahead.feedback());
        Judge.Judgements judged = judge.judge(screened.open(), batch.source(), deadline, ahead.recall());
        Planner.Plans plans = planner.plan(judged.all(), batch.source(), screened);
        VerdictWriter.Written w = write(batch, plans, screened.journal(), ahead.recall().plans(), deadline);
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

    /**
     * A delivery's groups and the reads that decide which are asked, made at once: the analyst's feedback and
     * what the store knows of the groups. Reads only: nothing is written until all are in, so a failed read
     * fails the delivery before any write. {@code failure}: what grouping or a read threw, kept until the
     * marker says whether it matters (a delivery done before is answered from its marker, as when the
     * marker was read first).
     */
    private record Ahead(List<EventGroup> groups, Reading reading, FeedbackScreen.Feedback feedback,
            KnownAnswers.Recall recall, RuntimeException failure) {
        static Ahead of(java.util.function.Supplier<Ahead> ahead) {
            try {
                return ahead.get();
            } catch (RuntimeException e) {
                return new Ahead(null, null, null, null, e);
            }
        }

        Ahead orThrow() {
            if (failure != null) {
                throw failure;
            }
            return this;
        }
    }

    private Ahead ahead(LogBatch batch, Instant start) {
        Reading reading = new Reading();
        List<EventGroup> groups = grouping.group(batch, start, reading);
        Parallel.Both<FeedbackScreen.Feedback, KnownAnswers.Recall> read = Parallel.both(
                Infrastructure.getDefaultWorkerPool(), () -> screen.read(groups, batch.source()),
                () -> judge.recall(groups, batch.source()));
        return new Ahead(groups, reading, read.first(), read.second(), null);
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
