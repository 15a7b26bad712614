package dev.soctriage.triage.llm;

/**
 * What {@code GROQ_RESPONSE_FORMAT} asks of the model, spelt {@code json_schema} or {@code json_object}
 * (the configuration's enum converter reads either case, with {@code _} or {@code -}). Anything else
 * fails at start.
 */
public enum ResponseFormat {
    /** strict structured outputs: the server decodes only answers that fit {@link VerdictSchema#SCHEMA} */
    JSON_SCHEMA,
    /** JSON mode, for models without strict structured outputs: the answer is validated after */
    JSON_OBJECT
}
