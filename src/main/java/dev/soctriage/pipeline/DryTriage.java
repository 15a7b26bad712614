package dev.soctriage.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.soctriage.group.EventGroup;
import dev.soctriage.group.GroupingSession;
import dev.soctriage.group.Grouper;
import dev.soctriage.ingest.EnvelopeDecoder;
import dev.soctriage.ingest.LogBatch;
import dev.soctriage.parse.Parsers;
import dev.soctriage.triage.Judgement;
import dev.soctriage.triage.DetectionClassifier;
import dev.soctriage.triage.TriageService;
import dev.soctriage.verdict.Contribution;
import dev.soctriage.verdict.VerdictStore;

/**
 * ingest-triage's path once, without its effects: a built-in sample delivery decoded, parsed, grouped,
 * judged by the rules (never the model), mapped to verdict contributions and validated, and the store's
 * requests for them marshalled and signed but not sent ({@link VerdictStore#prime}). What SnapStart
 * priming runs before the snapshot (docs/startup.md, "SnapStart"): nothing is written, no metric line
 * is printed, no secret is read, no connection is opened.
 */
@ApplicationScoped
public class DryTriage {
    /** Sample lines of the project's own making: an SSH brute force, a SQL injection, ordinary traffic. */
    static final List<String> SAMPLE = List.of(
            "Dec  7 09:00:01 priming sshd[4001]: Failed password for invalid user admin from 203.0.113.250 port 40001 ssh2",
            "Dec  7 09:00:02 priming sshd[4002]: Failed password for invalid user oracle from 203.0.113.250 port 40002 ssh2",
            "Dec  7 09:00:03 priming sshd[4003]: Failed password for root from 203.0.113.250 port 40003 ssh2",
            "Dec  7 09:00:04 priming sshd[4004]: Failed password for invalid user test from 203.0.113.250 port 40004 ssh2",
            "Dec  7 09:00:05 priming sshd[4005]: Failed password for invalid user pi from 203.0.113.250 port 40005 ssh2",
            "Dec  7 09:00:06 priming sshd[4006]: Failed password for invalid user ubuntu from 203.0.113.250 port 40006 ssh2",
            "198.51.100.23 - - [07/Dec/2026:09:00:07 +0000] \"GET /item?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1\" 200 512 \"-\" \"curl/8.5\"",
            "192.0.2.10 - - [07/Dec/2026:09:00:08 +0000] \"GET /index.html HTTP/1.1\" 200 1024 \"-\" \"Mozilla/5.0\"");
    static final String SOURCE = "soc-triage/priming";

    /** The sample lines (tests replay them as a real delivery). */
    public static List<String> sampleLines() {
        return SAMPLE;
    }

    /** What one dry run went through. */
    public record Report(long events, int groups, int findings, int contributions, int requests) {
    }

    private final EnvelopeDecoder decoder;
    private final Parsers parsers;
    private final Grouper grouper;
    private final DetectionClassifier classifier;
    private final TriageService triage;
    private final VerdictFactory verdicts;
    private final VerdictStore store;
    private final Clock clock;

    public DryTriage(EnvelopeDecoder decoder, Parsers parsers, Grouper grouper, DetectionClassifier classifier,
            TriageService triage, VerdictFactory verdicts, VerdictStore store, Clock clock) {
        this.decoder = decoder;
        this.parsers = parsers;
        this.grouper = grouper;
        this.classifier = classifier;
        this.triage = triage;
        this.verdicts = verdicts;
        this.store = store;
        this.clock = clock;
    }

    public Report run() {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("source", SOURCE);
        SAMPLE.forEach(event.putArray("lines")::add);
        long events = 0;
        int groups = 0;
        int findings = 0;
        int contributions = 0;
        int requests = 0;
        Instant now = clock.instant();
        for (LogBatch batch : decoder.decode(event)) {
            try (batch) {
                GroupingSession session = grouper.session(classifier, clock, now.plus(Duration.ofSeconds(30)));
                events += batch.forEachChunk(SAMPLE.size(), chunk -> session.add(parsers.parseAll(chunk)));
                for (EventGroup g : session.finish()) {
                    groups++;
                    Judgement j = triage.judgeByRules(g);
                    if (j.finding().isEmpty()) {
                        continue;
                    }
                    findings++;
                    Contribution c = verdicts.contribution(batch.source(), batch.deliveryId(), List.of(j.about()),
                            List.of(j.finding().get()), now, null);
                    contributions++;
                    requests += store.prime(c);
                }
            }
        }
        return new Report(events, groups, findings, contributions, requests);
    }
}
