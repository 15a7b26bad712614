package dev.soctriage.detect;

/**
 * A per-event rule ready to run: its {@link RuleInfo}, the {@link Source} whose events it reads and its
 * detection as one {@link Expr} (filters and the log source's service already folded in).
 */
record CompiledRule(RuleInfo info, Source source, Expr detection) {
}
