package dev.soctriage.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;

import dev.soctriage.config.Metrics;
import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.ingest.EnvelopeDecoder;
import dev.soctriage.ingest.IngestConfig;
import dev.soctriage.ingest.LogBatch;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.triage.Finding;
import dev.soctriage.triage.Judgement;
import dev.soctriage.triage.Signatures;
import dev.soctriage.triage.TriageService;
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
    private final Signatures signatures;
    private final TriageService triage;
    private final VerdictFactory verdicts;
    private final VerdictStore store;
    private final IngestConfig config;
    private final Clock clock;
    private final Metrics metrics;

    public IngestPipeline(EnvelopeDecoder decoder, Parsers parsers, Grouper grouper, Signatures signatures,
            TriageService triage, VerdictFactory verdicts, VerdictStore store, IngestConfig config, Clock clock,
            Metrics metrics) {
        this.metrics = metrics;
        this.decoder = decoder;
        this.parsers = parsers;
        this.grouper = grouper;
        this.signatures = signatures;
        this.triage = triage;
        this.verdicts = verdicts;
        this.store = store;
        this.config = config;
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
        for (LogBatch batch : batches) {
            total = total.plus(process(batch, deadline));
        }
        LOG.infof("ingest-triage result events=%d groups=%d verdicts=%d duplicates=%d llmCalls=%d failed=%d ms=%d",
                total.events(), total.groups(), total.verdicts(), total.duplicates(), total.llmCalls(), total.failed(),
                clock.millis() - start.toEpochMilli());
        metrics.ingest(total.events(), total.groups(), total.verdicts(), total.duplicates(), total.failed());
        return total;
    }

    private IngestResult process(LogBatch batch, Instant deadline) {
        for (String failure : batch.failures()) {
            LOG.warnf("failed record in %s: %s", batch.source(), failure);
        }
        long events = batch.events().size();
        long failed = batch.failures().size();
        if (batch.control()) {
            LOG.infof("control message from %s acknowledged", batch.source());
            return IngestResult.EMPTY;
        }
        if (store.deliverySeen(batch.deliveryId())) {
            LOG.infof("delivery %s from %s was processed before: %d duplicate events", batch.deliveryId(),
                    batch.source(), events);
            return new IngestResult(events, 0, 0, events, 0, failed);
        }
        List<ParsedEvent> parsed = parsers.parseAll(batch.events());
        List<EventGroup> groups = grouper.group(parsed, signatures);
        long written = 0;
        long duplicates = 0;
        long llmCalls = 0;
        long suppressed = 0;
        // groups that yield the same plan become one verdict: one line per thing to decide
        Map<String, List<Judged>> plans = new LinkedHashMap<>();
        Map<String, Suppression> feedback = store.suppressions(
                groups.stream().map(VerdictFactory::feedbackKey).collect(Collectors.toSet()));
        for (EventGroup g : groups) {
            String feedbackKey = VerdictFactory.feedbackKey(g);
            Suppression s = feedback.get(feedbackKey);
            if (s != null && s.until().isAfter(clock.instant())) {
                // an analyst rejected this (rule, actor) as a false positive: count, don't queue
                store.countSuppressed(feedbackKey, g.count());
                metrics.suppressed(g.count());
                suppressed += g.count();
                continue;
            }
            Judgement j = triage.judge(g, deadline);
            metrics.judged(j.llmCalls(), j.finding().map(f -> String.valueOf(f.engine())).orElse(null));
            llmCalls += j.llmCalls();
            if (j.finding().isEmpty()) {
                continue;
            }
            Finding f = j.finding().get();
            plans.computeIfAbsent(VerdictFactory.planKey(f, batch.source()), k -> new ArrayList<>())
                    .add(new Judged(g, f, s));
        }
        for (List<Judged> plan : plans.values()) {
            // what earlier suppressions of these groups dropped is shown on this verdict, then taken back
            Map<String, Long> carried = new LinkedHashMap<>();
            for (Judged p : plan) {
                if (p.suppression() != null && p.suppression().events() > 0) {
                    carried.put(VerdictFactory.feedbackKey(p.group()), p.suppression().events());
                }
            }
            long carriedEvents = carried.values().stream().mapToLong(Long::longValue).sum();
            Contribution c = verdicts.contribution(batch.source(), batch.deliveryId(),
                    plan.stream().map(Judged::group).toList(), plan.stream().map(Judged::finding).toList(),
                    clock.instant(), carriedEvents > 0 ? carriedEvents : null);
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
        store.recordDelivery(batch.deliveryId(), clock.instant());
        return new IngestResult(events, groups.size(), written, duplicates, llmCalls, failed);
    }
}
