package dev.soctriage.group;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.soctriage.parse.ParsedEvent;

/**
 * Groups a batch's events into the units that are triaged, one model call per group, by what there
 * is to decide:
 * <ul>
 * <li>a line with an attack signal (a {@link LineClassifier} label) groups by (format, signal,
 * template, actor), so an attack line never joins a group of benign lines;</li>
 * <li>a line without one groups by (format, template) across actors, keeping each actor's count and
 * first lines ({@link EventGroup#actors()}) — unless its actor's volume stands out from the batch
 * ({@link Outliers}), whose lines then group per actor as signal lines do.</li>
 * </ul>
 * For labels that {@link LineClassifier#namesAttemptedUser name a user tried} (failed logins), the
 * actor is the address alone and the users tried are the group's target users. Templates are mined
 * per batch ({@link Templates}, {@link TemplateMiner}). Batches are read in chunks through a
 * {@link GroupingSession}, so a large object is grouped without holding its events.
 */
@ApplicationScoped
public class Grouper {
    /**
     * When an actor's lines stand out from the other actors' of the same format in the chunk being
     * grouped: it made at least {@code minLines} lines and {@code rateFactor} times the median actor's;
     * or at least {@code minErrors} errors (4xx/5xx, rejected, blocked, failed) and an error ratio of at
     * least {@code errorRatio} and twice the format's; or at least {@code minPaths} distinct paths and
     * {@code spreadFactor} times the median; or at least {@code minUsers} distinct users tried and
     * {@code spreadFactor} times the median. An actor with any line that carries a signal stands out
     * too. Once it stood out, an actor groups alone for the rest of the batch.
     */
    public record Outliers(int minLines, int rateFactor, int minErrors, double errorRatio, int minPaths,
            int minUsers, int spreadFactor) {
        public static final Outliers DEFAULT = new Outliers(20, 10, 10, 0.5, 20, 5, 5);
    }

    /**
     * What one batch may hold.
     *
     * @param maxGroups      groups per batch; beyond, each further line joins its format's and signal's
     *                       overflow group, across actors
     * @param maxSampleChars characters of log lines kept as samples per batch; beyond, only each group's
     *                       and each actor's first line is kept
     * @param checkEvery     events between two looks at the clock
     */
    public record Limits(Outliers outliers, int maxGroups, long maxSampleChars, int checkEvery) {
        public static final Limits DEFAULT = new Limits(Outliers.DEFAULT, 50_000, 24_000_000L, 256);
    }

    private final TemplateMiner.Config config;
    private final Limits limits;

    public Grouper() {
        this(TemplateMiner.Config.DEFAULT);
    }

    @Inject
    public Grouper(GroupConfig config) {
        this(TemplateMiner.Config.DEFAULT, new Limits(Outliers.DEFAULT, config.maxGroups(), config.maxSampleChars(),
                Limits.DEFAULT.checkEvery()));
    }

    public Grouper(TemplateMiner.Config config) {
        this(config, Limits.DEFAULT);
    }

    public Grouper(TemplateMiner.Config config, Limits limits) {
        this.config = config;
        this.limits = limits;
    }

    /**
     * A batch read in chunks: {@link GroupingSession#add} each, then {@link GroupingSession#finish}.
     *
     * @param deadline grouping throws {@link BudgetExceededException} once the clock passes it
     */
    public GroupingSession session(LineClassifier classifier, Clock clock, Instant deadline) {
        return new GroupingSession(new Templates(new TemplateMiner(config)), classifier, limits, clock, deadline);
    }

    /** Groups in order of each group's first event. Never drops an event: the counts add up to events.size(). */
    public List<EventGroup> group(List<ParsedEvent> events, LineClassifier classifier) {
        GroupingSession s = session(classifier, Clock.systemUTC(), Instant.MAX);
        s.add(events);
        return s.finish();
    }
}
