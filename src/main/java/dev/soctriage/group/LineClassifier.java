package dev.soctriage.group;

import java.util.List;

import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/**
 * Labels a single line with the attack signature it carries ({@link Signal#NONE} for none). The label is part of the
 * group key so that an attack line is never merged into a group of benign lines of the same
 * template and actor. Must be cheap: it runs on every line.
 */
public interface LineClassifier {
    Signal classify(ParsedEvent event);

    /**
     * Whether lines with this label name a user the actor tried rather than one it is: the user of a
     * failed login is the sender's guess. The grouper then groups such lines by the actor's address
     * alone, when there is one, and lists the users tried among the group's target users, so that
     * a spray over many accounts is one group and not one per account.
     */
    default boolean namesAttemptedUser(Signal label) {
        return false;
    }

    /**
     * The classifier of one delivery: it sees the delivery's lines in order, one {@link #label} each, so
     * that it can count across lines (correlation rules), and may then label whole groups. The default
     * labels each line with {@link #classify} alone.
     */
    default Delivery delivery() {
        return e -> Label.of(classify(e));
    }

    /** One delivery's labelling ({@link #delivery}); used by one thread. */
    interface Delivery {
        Label label(ParsedEvent event);

        /**
         * Rule ids a group earns from the delivery as a whole, beyond its lines' own (a correlation that
         * held for its actor): asked once per group when the delivery is grouped.
         */
        default List<String> groupRules(Label label, String actorIp, String actorUser) {
            return List.of();
        }
    }

    LineClassifier NONE = e -> Signal.NONE;
}
