package dev.soctriage.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.model.Format;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/**
 * Groups a batch's events by (format, signal, template, actor): the unit that is triaged, one model
 * call per group. The signal (a {@link LineClassifier} label) is part of the key, so an attack line
 * never joins a group of benign lines of the same template and actor. For labels that
 * {@link LineClassifier#namesAttemptedUser name a user tried} (failed logins), the actor is the
 * address alone and the users tried are the group's target users. Templates are mined per batch
 * ({@link Templates}, {@link TemplateMiner}); each group keeps counts, first/last seen, distinct
 * targets and up to {@value GroupAccumulator#MAX_SAMPLES} verbatim samples.
 */
@ApplicationScoped
public class Grouper {
    private final TemplateMiner.Config config;

    public Grouper() {
        this(TemplateMiner.Config.DEFAULT);
    }

    public Grouper(TemplateMiner.Config config) {
        this.config = config;
    }

    /** Groups in order of each group's first event. Never drops an event: the counts add up to events.size(). */
    public List<EventGroup> group(List<ParsedEvent> events, LineClassifier classifier) {
        Templates templates = new Templates(new TemplateMiner(config));
        Map<Key, GroupAccumulator> groups = new LinkedHashMap<>();
        for (ParsedEvent e : events) {
            Signal signal = classifier.classify(e);
            Templates.Template t = templates.of(e);
            // a failed login's user is the sender's guess: from an address, the address is the actor
            boolean attempted = e.actorIp() != null && e.actorUser() != null && classifier.namesAttemptedUser(signal);
            String actorUser = attempted ? null : e.actorUser();
            Key key = new Key(e.format(), signal == null ? Signal.NONE : signal, t, e.actorIp(), actorUser);
            GroupAccumulator acc = groups.get(key);
            if (acc == null) {
                acc = new GroupAccumulator(key.format, key.signal, t, e.actorIp(), actorUser);
                groups.put(key, acc);
            }
            acc.add(e, attempted ? e.actorUser() : null);
        }
        List<EventGroup> out = new ArrayList<>(groups.size());
        Map<String, Integer> seenKeys = new HashMap<>();
        for (GroupAccumulator acc : groups.values()) {
            String template = templates.text(acc.template);
            String key = acc.format.wire() + "|" + acc.signal.wire() + "|" + template + "|" + acc.actorIp + "|" + acc.actorUser;
            // two mined clusters can end with the same text: keep their keys apart, deterministically
            int n = seenKeys.merge(key, 1, Integer::sum);
            out.add(acc.build(n == 1 ? key : key + "#" + n, template));
        }
        return out;
    }

    private record Key(Format format, Signal signal, Templates.Template template, String actorIp, String actorUser) {
    }
}
