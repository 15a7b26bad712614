package dev.soctriage.triage.llm;

/**
 * A model call that gave no usable answer. Messages are fixed texts, status codes and error codes:
 * never log text, model output or the API key.
 */
public abstract class ModelCallException extends RuntimeException {
    protected ModelCallException(String reason) {
        super(reason);
    }
}
