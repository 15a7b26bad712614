package dev.soctriage.triage.llm;

import java.time.Duration;
import java.util.Optional;


import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The model ({@code GROQ_API_KEY} or {@code GROQ_API_KEY_SECRET_ARN}, {@code GROQ_BASE_URL},
 * {@code GROQ_MODEL}, {@code GROQ_RESPONSE_FORMAT}).
 */
@ConfigMapping(prefix = "triage.llm")
public interface LlmConfig {
    /** Unset or empty: no model call, the rules engine triages alone. Never logged. */
    Optional<String> apiKey();

    /**
     * In AWS: the Secrets Manager secret whose {@code SecretString} is the key, read at run time and
     * cached ({@link dev.soctriage.secrets.Secrets}); wins over {@link #apiKey()}, which is for local runs.
     */
    Optional<String> apiKeySecretArn();

    /** An OpenAI-compatible API root; {@code /chat/completions} is appended. */
    @WithDefault("https://api.groq.com/openai/v1")
    String baseUrl();

    @WithDefault("openai/gpt-oss-120b")
    String model();

    /** {@code json_schema} (strict, constrained decoding) or {@code json_object} (JSON mode, validated after). */
    @WithDefault("json_schema")
    ResponseFormat responseFormat();

    /** Longest wait for one answer; a call never runs past the deadline given to judge() either. */
    @WithDefault("PT10S")
    Duration timeout();

    @WithDefault("PT2S")
    Duration connectTimeout();

    /** Calls per group at most, first call included (429, 5xx and timeouts are retried). */
    @WithDefault("3")
    int maxAttempts();

    /** Wait before retrying a 5xx, times the attempt number; a 429 waits its retry-after instead. */
    @WithDefault("PT0.5S")
    Duration backoff();

    /**
     * Upper bound of one prompt in tokens (estimated as characters / 4); what does not fit is
     * summarised. At least 1000: the system prompt alone is about 500.
     */
    @WithDefault("3000")
    int promptTokenBudget();

    /** A log line longer than this (characters) is cut in the prompt, with the cut noted. */
    @WithDefault("600")
    int maxLineChars();

    /** Upper bound of the answer in tokens ({@code max_completion_tokens}). */
    @WithDefault("2048")
    int maxCompletionTokens();

    /**
     * Sent as {@code reasoning_effort} when set ({@code low}, {@code medium}, {@code high}: Groq's
     * gpt-oss models); unset, the field is not sent, for servers and models that do not know it.
     */
    Optional<String> reasoningEffort();

    /** Model calls in flight at once, per container (groups are judged concurrently up to this). */
    @WithDefault("8")
    int concurrency();

    /**
     * Consecutive failed calls (5xx, timeouts, connection failures) that open the circuit breaker: while
     * it is open no call is made and the rules judge at once.
     */
    @WithDefault("5")
    int breakerFailures();

    /**
     * How long the breaker stays open before one trial call may close it again; the breaker belongs to
     * the container, so it stays open across its invocations.
     */
    @WithDefault("PT30S")
    Duration breakerCooldown();

    /**
     * The circuit breaker's name, for SmallRye's {@code CircuitBreakerMaintenance}; names are unique per
     * application, so a second client in the same application (the tests' own) needs another.
     */
    @WithDefault("soc-triage-model")
    String breakerName();
}
