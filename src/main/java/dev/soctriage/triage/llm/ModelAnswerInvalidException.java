package dev.soctriage.triage.llm;

/** A 200 whose content is not JSON or breaks the schema: refused, not retried (temperature 0 answers alike). */
public class ModelAnswerInvalidException extends ModelCallException {
    public ModelAnswerInvalidException(String reason) {
        super(reason);
    }
}
