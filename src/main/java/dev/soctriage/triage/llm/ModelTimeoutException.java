package dev.soctriage.triage.llm;

/** No answer within the timeout (or the time left before the deadline): retried while time allows. */
public class ModelTimeoutException extends ModelCallException {
    public ModelTimeoutException(String reason) {
        super(reason);
    }
}
