package dev.soctriage.triage.llm;

/** 5xx from the model server: retried with backoff while attempts and the deadline allow. */
public class ModelServerException extends ModelCallException {
    public ModelServerException(String reason) {
        super(reason);
    }
}
