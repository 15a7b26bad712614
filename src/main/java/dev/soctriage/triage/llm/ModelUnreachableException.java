package dev.soctriage.triage.llm;

/** The connection failed: retried while attempts and the deadline allow. */
public class ModelUnreachableException extends ModelCallException {
    public ModelUnreachableException(String reason) {
        super(reason);
    }
}
