package dev.soctriage.detect;

import java.util.Locale;
import java.util.Optional;

import dev.soctriage.model.Severity;

/** A rule's {@code level}: informational matches inform verdicts, the others map to a severity. */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict severity; empty for informational, which never opens a verdict of its own. */
    public Optional<Severity> severity() {
        return switch (this) {
            case INFORMATIONAL -> Optional.empty();
            case LOW -> Optional.of(Severity.LOW);
            case MEDIUM -> Optional.of(Severity.MEDIUM);
            case HIGH -> Optional.of(Severity.HIGH);
            case CRITICAL -> Optional.of(Severity.CRITICAL);
        };
    }

    /** A missing level is medium (pySigma's and most backends' default); anything else unknown refuses the rule. */
    static Level of(String text) throws RuleRefused {
        if (text == null) {
            return MEDIUM;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleRefused("unknown level: " + text);
        }
    }
}
