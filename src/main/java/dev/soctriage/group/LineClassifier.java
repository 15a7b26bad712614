package dev.soctriage.group;

import dev.soctriage.parse.ParsedEvent;

/**
 * Labels a single line with the attack signature it carries ("" for none). The label is part of the
 * group key so that an attack line is never merged into a group of benign lines of the same
 * template and actor. Must be cheap: it runs on every line.
 */
public interface LineClassifier {
    String classify(ParsedEvent event);

    LineClassifier NONE = e -> "";
}
