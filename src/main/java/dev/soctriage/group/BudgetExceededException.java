package dev.soctriage.group;

/**
 * A delivery could not be read, parsed and grouped within its share of the invocation's time budget,
 * or holds more groups than one invocation may judge. Thrown before anything is written, so the
 * invocation fails cleanly (docs/contract.md, invariant 3: the platform retries, then dead-letters);
 * the message names the limit and what to change, never log text.
 */
public class BudgetExceededException extends RuntimeException {
    public BudgetExceededException(String message) {
        super(message);
    }
}
