package dev.soctriage.triage.llm;

/** A 4xx other than 429 (e.g. 400 json_validate_failed, 401): not retried, the same request would fail again. */
public class ModelRequestRejectedException extends ModelCallException {
    public ModelRequestRejectedException(String reason) {
        super(reason);
    }
}
