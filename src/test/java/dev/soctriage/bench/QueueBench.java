package dev.soctriage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.model.LogEvent;
import dev.soctriage.model.Status;
import dev.soctriage.parse.Parsers;
import dev.soctriage.pipeline.IngestPipeline;
import dev.soctriage.pipeline.IngestResult;
import dev.soctriage.pipeline.VerdictFactory;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.text.UntrustedText;
import dev.soctriage.triage.Judgement;
import dev.soctriage.triage.DetectionClassifier;
import dev.soctriage.triage.TriageService;
import dev.soctriage.verdict.Verdict;

/**
 * {@code make bench}: the analyst's queue for the mixed 10,000-line batch ({@link Corpus}, seed 42)
 * delivered as 12 CloudWatch events, through ingest-triage against dynalite. The goal is one verdict
 * per distinct threat (docs/contract.md, invariant 6): the threats are counted apart from the store,
 * as the distinct plans that triage finds in the 12 deliveries. Prints a Markdown table; off in the
 * ordinary test run ({@code -Dsoc.bench=true} turns it on, as for every Quarkus bench).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "soc.bench", matches = "true")
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
class QueueBench {
    static final int LINES = 10_000;
    static final int DELIVERIES = 12;

    @Inject
    IngestPipeline pipeline;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    Parsers parsers;
    @Inject
    Grouper grouper;
    @Inject
    DetectionClassifier classifier;
    @Inject
    TriageService triage;

    @Test
    void queueSize_forTheMixedBatchIn12Deliveries() {
        List<Corpus.Line> corpus = new Corpus(42, 8).lines(LINES);
        List<List<String>> chunks = new ArrayList<>();
        for (int d = 0; d < DELIVERIES; d++) {
            List<String> lines = new ArrayList<>();
            for (int i = d * LINES / DELIVERIES; i < (d + 1) * LINES / DELIVERIES; i++) {
                lines.add(UntrustedText.decodeUtf8(corpus.get(i).bytes()));
            }
            chunks.add(lines);
        }
        long t0 = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

        // the threats, counted without the store: distinct plans of what triage finds per delivery
        Set<String> threats = new HashSet<>();
        long findings = 0;
        Instant deadline = Instant.now().plusSeconds(600);
        for (List<String> lines : chunks) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                events.add(new LogEvent("e" + i, t0, lines.get(i)));
            }
            Set<String> plans = new HashSet<>();
            for (EventGroup g : grouper.group(parsers.parseAll(events), classifier)) {
                Judgement j = triage.judge(g, deadline);
                j.finding().ifPresent(f -> plans.add(VerdictFactory.planKey(f, "/bench/mixed")));
            }
            findings += plans.size();
            threats.addAll(plans);
        }

        // the queue after the 12 deliveries, then after each was delivered again
        long written = 0;
        long ms = System.currentTimeMillis();
        for (int d = 0; d < DELIVERIES; d++) {
            IngestResult r = pipeline.ingest(IngestEvents.cloudWatch("/bench/mixed", "stream-" + d, chunks.get(d),
                    t0 + d * 60_000L));
            written += r.verdicts();
        }
        ms = System.currentTimeMillis() - ms;
        List<Verdict> queue = pending();
        for (int d = 0; d < DELIVERIES; d++) {
            pipeline.ingest(IngestEvents.cloudWatch("/bench/mixed", "stream-" + d, chunks.get(d), t0 + d * 60_000L));
        }
        List<Verdict> again = pending();

        StringBuilder t = new StringBuilder();
        t.append("## QueueBench (Corpus seed 42, ").append(LINES).append(" lines in ").append(DELIVERIES)
                .append(" CloudWatch deliveries, rules engine, dynalite, ").append(Instant.now()).append(")\n\n");
        t.append("| measure | value | goal |\n|---|---|---|\n");
        t.append(String.format("| distinct threats (plans triage finds in the deliveries) | %d | |%n", threats.size()));
        t.append(String.format("| findings, one per delivery and plan (the queue when each delivery opened its own) | %d | |%n",
                findings));
        t.append(String.format("| pending verdicts after the 12 deliveries | %d | = distinct threats |%n", queue.size()));
        t.append(String.format("| verdict writes (created or joined) | %d | = findings |%n", written));
        t.append(String.format("| pending verdicts after every delivery came again | %d, %s | unchanged |%n",
                again.size(), again.equals(queue) ? "unchanged" : "CHANGED"));
        t.append(String.format("| ingest time, 12 deliveries one after another (loaded machine: indicative) | %,d ms | |%n", ms));
        System.out.println(t);
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "queue-bench.md"), t);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(threats.size(), queue.size(), "one verdict per distinct threat");
    }

    private List<Verdict> pending() {
        return verdicts.all(Status.PENDING);
    }
}
