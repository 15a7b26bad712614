package dev.soctriage.verdict;

import dev.soctriage.model.Action;
import dev.soctriage.text.Digests;

/**
 * Verdict ids are derived, never random: from the plan (the thing to do, {@link #planKey}) and the
 * plan's generation, which a decision ends. So the same findings write to the same verdict however
 * the groups of a batch merged and however often the batch is retried, and two invocations that find
 * the same new threat meet at one conditional write (docs/contract.md, invariants 4 and 6).
 */
public final class VerdictIds {
    /** {@code v_} and 32 lower-case hex digits (128 bits of SHA-256). */
    public static final String PATTERN = "v_[0-9a-f]{32}";
    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    private VerdictIds() {
    }

    /**
     * The thing to do (docs/contract.md, invariant 6): the action and its target; for {@code monitor}
     * without a target, the threat type and the source instead.
     */
    public static String planKey(Action action, String target, String threatType, String source) {
        if (target != null && !target.isBlank()) {
            return action.wire() + "\n" + target;
        }
        return action.wire() + "\n\n" + threatType + "\n" + source;
    }

    /** The verdict of the {@code generation}-th open period (1, 2, ...) of a plan. */
    public static String of(String planKey, long generation) {
        return "v_" + Digests.sha256Hex("verdict", planKey, Long.toString(generation)).substring(0, 32);
    }

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }
}
