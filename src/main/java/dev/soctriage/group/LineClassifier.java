package dev.soctriage.group;

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

    LineClassifier NONE = e -> Signal.NONE;
}
