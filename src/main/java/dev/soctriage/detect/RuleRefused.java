package dev.soctriage.detect;

/**
 * A rule this engine cannot read or run, with why: named at start and skipped, never a crash.
 * The message is the reason shown to the operator (docs/detections.md lists them).
 */
public final class RuleRefused extends Exception {
    public RuleRefused(String reason) {
        super(reason, null, false, false);
    }
}
