package dev.soctriage.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.detect.CorrelationHit;
import dev.soctriage.detect.Correlator;
import dev.soctriage.detect.Detections;
import dev.soctriage.group.Label;
import dev.soctriage.group.LineClassifier;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/**
 * The line classifier of ingest: each line labelled with the Sigma rules it matches
 * ({@link Detections}) and with the {@link Signal} of the built-in signatures ({@link Signatures}:
 * prompt injection, and the signals the guard and the grouping read, such as a failed login naming the
 * user tried). Per delivery, the lines' matches feed the correlation rules ({@link Correlator}); a
 * correlation that held labels the groups of its actor whose lines matched one of its base rules.
 */
@ApplicationScoped
public class DetectionClassifier implements LineClassifier {
    private final Signatures signatures;
    private final Detections detections;
    private final List<String> ids;

    public DetectionClassifier(Signatures signatures, Detections detections) {
        this.signatures = signatures;
        this.detections = detections;
        List<String> all = new ArrayList<>(detections.ruleCount());
        for (int i = 0; i < detections.ruleCount(); i++) {
            all.add(detections.rule(i).id());
        }
        this.ids = List.copyOf(all);
    }

    @Override
    public Signal classify(ParsedEvent e) {
        Signal s = signatures.classify(e);
        return s == Signal.NONE && detections.match(e).length > 0 ? Signal.DETECTION : s;
    }

    @Override
    public boolean namesAttemptedUser(Signal label) {
        return signatures.namesAttemptedUser(label);
    }

    @Override
    public Delivery delivery() {
        return new OneDelivery();
    }

    /** A delivery's labels (interned: few distinct ones) and its correlator. */
    private final class OneDelivery implements Delivery {
        private final Correlator correlator = detections.correlator();
        private final Map<Object, Label> labels = new HashMap<>();
        private List<CorrelationHit> hits;

        private record LabelKey(Signal signal, List<Integer> rules) {
        }

        @Override
        public Label label(ParsedEvent e) {
            Signal s = signatures.classify(e);
            int[] m = detections.match(e);
            if (m.length == 0) {
                return Label.of(s);
            }
            correlator.add(e, m);
            return labels.computeIfAbsent(new LabelKey(s, Arrays.stream(m).boxed().toList()), k -> {
                List<String> rules = new ArrayList<>(m.length);
                for (int i : m) {
                    rules.add(ids.get(i));
                }
                return new Label(s, rules);
            });
        }

        @Override
        public List<String> groupRules(Label label, String actorIp, String actorUser) {
            if (hits == null) {
                hits = correlator.hits();
            }
            Set<String> out = new LinkedHashSet<>();
            for (CorrelationHit h : hits) {
                String id = h.rule().id();
                if (out.contains(id) || detections.bases(id).stream().noneMatch(label.rules()::contains)) {
                    continue;
                }
                for (ParsedEvent member : h.events()) {
                    if (actorIp != null && actorIp.equals(member.actorIp())
                            || actorIp == null && actorUser != null && actorUser.equals(member.actorUser())) {
                        out.add(id);
                        break;
                    }
                }
            }
            return List.copyOf(out);
        }
    }
}
