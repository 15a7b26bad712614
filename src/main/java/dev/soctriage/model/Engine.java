package dev.soctriage.model;

import dev.soctriage.verdict.Verdict;

/** Wire names of {@link Verdict#engine()}. */
public final class Engine {
    /** the model's verdict, validated and grounded */
    public static final String LLM = "llm";
    /** the built-in detectors: no API key, the model unavailable, or its answer refused */
    public static final String RULES = "rules";

    private Engine() {
    }
}
