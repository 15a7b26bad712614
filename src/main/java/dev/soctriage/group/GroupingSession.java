package dev.soctriage.group;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/**
 * One batch being grouped, chunk by chunk ({@link Grouper} says how lines group). Holds the batch's
 * groups — counts, capped sets and capped samples — never its events; looks at the clock every few
 * hundred events and refuses the batch once the deadline passed or the groups exceed their cap.
 */
public final class GroupingSession {
    /** actors remembered as standing out, per batch */
    static final int MAX_OUTLIERS = 10_000;

    private final Templates templates;
    private final LineClassifier classifier;
    private final LineClassifier.Delivery delivery;
    private final Grouper.Limits limits;
    private final Clock clock;
    private final Instant deadline;
    private final Map<Key, GroupAccumulator> groups = new LinkedHashMap<>();
    private final Set<Actor> outliers = new HashSet<>();
    private long events;
    private long retainedChars;

    /** Who sent a line, per format: the unit whose volume may stand out. */
    private record Actor(Format format, String ip, String user) {
    }

    private record Key(Format format, Label label, Templates.Template template, String actorIp, String actorUser,
            boolean crossActor) {
    }

    GroupingSession(Templates templates, LineClassifier classifier, Grouper.Limits limits, Clock clock, Instant deadline) {
        this.templates = templates;
        this.classifier = classifier;
        this.delivery = classifier.delivery();
        this.limits = limits;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** Events grouped so far. */
    public long events() {
        return events;
    }

    /** Groups so far. */
    public int groups() {
        return groups.size();
    }

    /**
     * Groups one chunk of the batch. Which actors stand out is decided on the chunk (and remembered for
     * the rest of the batch), so chunks should be a few thousand lines.
     *
     * @throws BudgetExceededException the deadline passed, or the batch has more groups than allowed
     */
    public void add(List<ParsedEvent> chunk) {
        Label[] labels = new Label[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            Label l = delivery.label(chunk.get(i));
            labels[i] = l == null ? Label.NONE : l;
        }
        Actor[] actors = new Actor[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            ParsedEvent e = chunk.get(i);
            actors[i] = e.actorIp() == null && e.actorUser() == null ? null
                    : new Actor(e.format(), e.actorIp(), e.actorUser());
        }
        markOutliers(chunk, labels, actors);
        for (int i = 0; i < chunk.size(); i++) {
            if (i % limits.checkEvery() == 0) {
                check();
            }
            add(chunk.get(i), labels[i], actors[i]);
        }
        events += chunk.size();
    }

    private void add(ParsedEvent e, Label label, Actor actor) {
        Templates.Template t = templates.of(e);
        Signal signal = label.signal();
        Key key;
        String attemptedUser = null;
        if (signal == Signal.NONE && actor != null && (outliers.isEmpty() || !outliers.contains(actor))) {
            key = new Key(e.format(), Label.NONE, t, null, null, true);
        } else {
            // a failed login's user is the sender's guess: from an address, the address is the actor
            boolean attempted = e.actorIp() != null && e.actorUser() != null && classifier.namesAttemptedUser(signal);
            key = new Key(e.format(), label, t, e.actorIp(), attempted ? null : e.actorUser(), false);
            attemptedUser = attempted ? e.actorUser() : null;
        }
        GroupAccumulator acc = groups.get(key);
        if (acc == null) {
            if (groups.size() >= limits.maxGroups()) {
                throw new BudgetExceededException("more than " + limits.maxGroups() + " groups in one delivery after "
                        + events + " events");
            }
            acc = new GroupAccumulator(key.format, key.label, t, key.actorIp, key.actorUser, key.crossActor);
            groups.put(key, acc);
        }
        retainedChars += acc.add(e, attemptedUser, retainedChars < limits.maxSampleChars());
    }

    private void check() {
        if (clock.instant().isAfter(deadline)) {
            throw new BudgetExceededException("grouping passed its deadline after " + events + " events");
        }
    }

    /** Groups in order of each group's first event; every event is in exactly one. */
    public List<EventGroup> finish() {
        check();
        List<EventGroup> out = new ArrayList<>(groups.size());
        Map<String, Integer> seenKeys = new HashMap<>();
        for (GroupAccumulator acc : groups.values()) {
            String template = templates.text(acc.template);
            String ip = acc.actorIp;
            String user = acc.actorUser;
            String actorPart;
            if (acc.crossActor) {
                String[] sole = acc.soleActor();
                ip = sole == null ? null : sole[0];
                user = sole == null ? null : sole[1];
                actorPart = sole == null ? "*|*" : ip + "|" + user;
            } else {
                actorPart = ip + "|" + user;
            }
            String rules = acc.label.rules().isEmpty() ? "" : "|" + String.join(",", acc.label.rules());
            String key = acc.format.wire() + "|" + acc.signal.wire() + "|" + template + "|" + actorPart + rules;
            // two mined clusters can end with the same text: keep their keys apart, deterministically
            int n = seenKeys.merge(key, 1, Integer::sum);
            List<String> detections = acc.label.rules();
            List<String> earned = acc.label.rules().isEmpty() ? List.of() : delivery.groupRules(acc.label, ip, user);
            if (!earned.isEmpty()) {
                detections = new ArrayList<>(detections);
                detections.addAll(earned);
            }
            out.add(acc.build(n == 1 ? key : key + "#" + n, template, ip, user, detections));
        }
        return out;
    }

    /** One actor's lines in a chunk: volume, errors, spread (sets capped just past what the tests need). */
    private static final class Stats {
        int lines;
        int errors;
        final Set<String> paths = new HashSet<>();
        final Set<String> users = new HashSet<>();
    }

    private void markOutliers(List<ParsedEvent> chunk, Label[] labels, Actor[] actors) {
        Grouper.Outliers o = limits.outliers();
        Map<Actor, Stats> stats = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            ParsedEvent e = chunk.get(i);
            Actor who = actors[i];
            if (who == null) {
                continue;
            }
            if (labels[i].signal() != Signal.NONE && outliers.size() < MAX_OUTLIERS) {
                // an actor with an attack line is a suspect: its other lines stay with it, never in a
                // benign group of other actors (nor answered from the memory of benign templates)
                outliers.add(who);
            }
            Stats s = stats.computeIfAbsent(who, k -> new Stats());
            s.lines++;
            s.errors += isError(e) ? 1 : 0;
            addCapped(s.paths, e.field(Field.PATH), 4 * o.minPaths());
            addCapped(s.users, e.field(Field.TARGET_USER), 4 * o.minUsers());
        }
        Map<Format, List<Stats>> byFormat = new EnumMap<>(Format.class);
        stats.forEach((k, s) -> byFormat.computeIfAbsent(k.format(), f -> new ArrayList<>()).add(s));
        Map<Format, double[]> norms = new EnumMap<>(Format.class);
        byFormat.forEach((format, list) -> {
            if (list.size() < 2) {
                return; // one actor: nothing to group it with
            }
            long lines = 0;
            long errors = 0;
            for (Stats s : list) {
                lines += s.lines;
                errors += s.errors;
            }
            norms.put(format, new double[] {median(list, s -> s.lines), (double) errors / lines,
                    median(list, s -> s.paths.size()), median(list, s -> s.users.size())});
        });
        stats.forEach((k, s) -> {
            double[] n = norms.get(k.format());
            if (n == null || outliers.size() >= MAX_OUTLIERS) {
                return;
            }
            double ratio = (double) s.errors / s.lines;
            boolean standsOut = s.lines >= o.minLines() && s.lines >= o.rateFactor() * Math.max(n[0], 1)
                    || s.errors >= o.minErrors() && ratio >= o.errorRatio() && ratio >= 2 * n[1]
                    || s.paths.size() >= o.minPaths() && s.paths.size() >= o.spreadFactor() * Math.max(n[2], 1)
                    || s.users.size() >= o.minUsers() && s.users.size() >= o.spreadFactor() * Math.max(n[3], 1);
            if (standsOut) {
                outliers.add(k);
            }
        });
    }

    private static void addCapped(Set<String> set, String value, int cap) {
        if (value != null && set.size() < cap) {
            set.add(value);
        }
    }

    private static double median(List<Stats> list, java.util.function.ToIntFunction<Stats> f) {
        int[] v = list.stream().mapToInt(f).sorted().toArray();
        return v[(v.length - 1) / 2];
    }

    /** An answer that refused or failed: HTTP 4xx/5xx, a rejected flow, a WAF block, a failed login, an API error. */
    static boolean isError(ParsedEvent e) {
        String status = e.field(Field.STATUS);
        if (status != null && !status.isEmpty() && (status.charAt(0) == '4' || status.charAt(0) == '5')) {
            return true;
        }
        String outcome = e.field(Field.OUTCOME);
        if (outcome != null && (outcome.equalsIgnoreCase("REJECT") || outcome.equalsIgnoreCase("BLOCK")
                || outcome.toLowerCase(java.util.Locale.ROOT).contains("fail"))) {
            return true;
        }
        return e.field(Field.ERROR) != null;
    }
}
