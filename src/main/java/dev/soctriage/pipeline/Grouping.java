package dev.soctriage.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.soctriage.group.BudgetExceededException;
import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.group.GroupingSession;
import dev.soctriage.ingest.IngestConfig;
import dev.soctriage.ingest.LogBatch;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.triage.DetectionClassifier;

/**
 * The parse and group steps: a batch read chunk by chunk (an S3 object is streamed, never held whole),
 * each line parsed, labelled by the detection rules and grouped, within {@code ingest.grouping-budget};
 * only the groups are held.
 */
@ApplicationScoped
public class Grouping {
    private static final Logger LOG = Logger.getLogger(Grouping.class);

    private final Parsers parsers;
    private final Grouper grouper;
    private final DetectionClassifier classifier;
    private final IngestConfig config;
    private final Clock clock;

    public Grouping(Parsers parsers, Grouper grouper, DetectionClassifier classifier, IngestConfig config, Clock clock) {
        this.parsers = parsers;
        this.grouper = grouper;
        this.classifier = classifier;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param reading how the lines were read (formats, unknown lines), filled as they are
     * @throws BudgetExceededException past the grouping budget: nothing was written
     */
    public List<EventGroup> group(LogBatch batch, Instant start, Reading reading) {
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
}
