package dev.soctriage.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.soctriage.group.EventGroup;
import dev.soctriage.ingest.IngestConfig;
import dev.soctriage.model.Signal;
import dev.soctriage.triage.Judgement;
import dev.soctriage.triage.TriageService;
import dev.soctriage.verdict.StoreConfig;

/**
 * The judge step: what need not be asked again is answered from what is known (remembered benign
 * templates, confirmed threats, a threat whose verdict is open: {@link KnownAnswers}); the rest is
 * judged concurrently by triage, whose model calls stop in time to write the verdicts ({@link WriteBudget}).
 */
@ApplicationScoped
public class Judge {
    private static final Logger LOG = Logger.getLogger(Judge.class);

    private final KnownAnswers known;
    private final TriageService triage;
    private final IngestConfig config;
    private final StoreConfig storeConfig;
    private final Clock clock;

    public Judge(KnownAnswers known, TriageService triage, IngestConfig config, StoreConfig storeConfig, Clock clock) {
        this.known = known;
        this.triage = triage;
        this.config = config;
        this.storeConfig = storeConfig;
        this.clock = clock;
    }

    /** A delivery's judgements, and how many came from memory or joined an open verdict unasked. */
    public record Judgements(List<Judgement> all, long memoryHits, long openVerdictHits) {
    }

    /**
     * What the store knows of {@code groups} that decides which are asked ({@link KnownAnswers#recall}): read
     * before {@link #judge}, at the same time as other reads of the delivery.
     */
    public KnownAnswers.Recall recall(List<EventGroup> groups, String source) {
        return known.recall(groups, source);
    }

    /** @param recall {@link #recall} of these groups or of more */
    public Judgements judge(List<EventGroup> open, String source, Instant deadline, KnownAnswers.Recall recall) {
        KnownAnswers.Split split = known.split(open, source, recall);
        List<Judgement> all = new ArrayList<>(split.answered());
        int expected = (int) (split.answered().stream().filter(j -> j.finding().isPresent()).count()
                + split.toAsk().stream().filter(g -> g.signal() != Signal.NONE).count());
        WriteBudget budget = new WriteBudget(clock, deadline, config.writeReserve(), config.writeEstimate(),
                storeConfig.writeConcurrency(), expected);
        List<Judgement> answers = triage.judgeAll(split.toAsk(), budget);
        int learned = known.learn(split, answers);
        all.addAll(answers);
        if (split.memoryHits() > 0 || learned > 0 || split.openVerdictHits() > 0) {
            LOG.infof("%s: %d groups answered from memory (benign templates, confirmed threats), %d templates remembered, "
                    + "%d groups joined open verdicts without a model call", source, split.memoryHits(), learned,
                    split.openVerdictHits());
        }
        return new Judgements(all, split.memoryHits(), split.openVerdictHits());
    }

    /** The threats the model confirmed and the store wrote: remembered, so their pattern is not asked again. */
    public void written(List<RememberedThreats.Confirmed> confirmed) {
        known.written(confirmed);
    }
}
