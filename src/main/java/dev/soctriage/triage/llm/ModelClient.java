package dev.soctriage.triage.llm;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import dev.soctriage.secrets.SecretUnavailableException;
import dev.soctriage.secrets.Secrets;
import dev.soctriage.group.EventGroup;

/**
 * Asks an OpenAI-compatible chat-completions server (Groq) for one group's verdict: one call per
 * group, temperature 0, strict JSON schema (or JSON mode), the answer parsed and validated before it
 * is handed back. 429 waits its {@code retry-after}, 5xx and timeouts are retried with backoff, all
 * bounded by {@link LlmConfig#maxAttempts()} and by the deadline: no call or wait runs past it. Safe to
 * call from several threads: the server's rate-limit headers are shared ({@link RateLimits}), calls
 * in flight are bounded and a circuit breaker stops calling a failing server (SmallRye Fault
 * Tolerance, see {@link #guard}).
 */
@ApplicationScoped
public class ModelClient {
    private static final Logger LOG = Logger.getLogger(ModelClient.class);
    /** Not worth starting a call with less time than this left. */
    static final Duration MIN_CALL = Duration.ofMillis(250);

    private final LlmConfig cfg;
    private final Clock clock;
    private final Validator validator;
    private final ObjectReader answerReader;
    private final ObjectReader envelopeReader;
    private final ObjectReader errorReader;
    private final PromptBuilder prompts;
    /** The key: a plain GROQ_API_KEY (local runs) or read by ARN from Secrets Manager (AWS). */
    private final ApiKey apiKey;
    private final ChatApi api;
    /** The server's rate-limit answers, shared by the container's concurrent calls. */
    private final RateLimits limits = new RateLimits();
    /**
     * SmallRye Fault Tolerance around each single HTTP call: a circuit breaker that opens after
     * {@link LlmConfig#breakerFailures()} consecutive failures and stays open for
     * {@link LlmConfig#breakerCooldown()} (this bean lives as long as the container), and a bulkhead
     * of {@link LlmConfig#concurrency()} calls in flight. Null exactly when {@link #api} is: without a key from either source.
     */
    private final Guard guard;

    /** Where the key comes from; {@link #value()} may throw {@link SecretUnavailableException}. */
    private interface ApiKey {
        String value();

        /** The server refused the key: a secret read again may hold its rotated value. */
        default void refused() {
        }
    }

    public ModelClient(LlmConfig cfg, Clock clock, Validator validator, ObjectMapper mapper) {
        this(cfg, clock, validator, mapper, null);
    }

    @Inject
    public ModelClient(LlmConfig cfg, Clock clock, Validator validator, ObjectMapper mapper, Secrets secrets) {
        this.cfg = cfg;
        this.clock = clock;
        this.validator = validator;
        this.answerReader = mapper.readerFor(ModelVerdict.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.envelopeReader = mapper.readerFor(ChatResponse.class);
        this.errorReader = mapper.readerFor(ApiError.class);
        this.prompts = new PromptBuilder(cfg.promptTokenBudget(), cfg.maxLineChars());
        String key = cfg.apiKey().map(String::strip).orElse("");
        String arn = cfg.apiKeySecretArn().map(String::strip).orElse("");
        if (!arn.isEmpty()) {
            this.apiKey = new ApiKey() {
                @Override
                public String value() {
                    return secrets.get(arn).strip();
                }

                @Override
                public void refused() {
                    secrets.invalidate(arn);
                }
            };
        } else {
            this.apiKey = () -> key;
        }
        // enabled by either source of the key: the client and its guard exist together or not at all
        // (a deployment names the key by ARN only, docs/deployment.md)
        boolean enabled = !key.isEmpty() || !arn.isEmpty();
        this.api = enabled ? QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(cfg.baseUrl().replaceAll("/+$", "")))
                .connectTimeout(cfg.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(cfg.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(ChatApi.class) : null;
        this.guard = enabled ? guard(cfg) : null;
    }

    /** The breaker and bulkhead of {@link #guard}, one per client. */
    private static Guard guard(LlmConfig cfg) {
        return Guard.create().withDescription("model calls")
                .withCircuitBreaker().name(BREAKER + "-" + INSTANCES.incrementAndGet()).requestVolumeThreshold(cfg.breakerFailures()).failureRatio(1.0)
                .delay(cfg.breakerCooldown().toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                .failOn(List.of(ModelServerException.class, ModelTimeoutException.class, ModelUnreachableException.class))
                .onStateChange(state -> LOG.infof("model circuit breaker %s", state)).done()
                .withBulkhead().limit(cfg.concurrency()).queueSize(10_000).enableSynchronousQueueing().done()
                .build();
    }

    /**
     * The circuit breaker's name, for {@code CircuitBreakerMaintenance}, followed by {@code -1} for the
     * container's client (tests build more: names must be unique).
     */
    public static final String BREAKER = "soc-triage-model";
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    /** Whether a call could still start and end before {@code deadline}. */
    public boolean timeLeft(Instant deadline) {
        return clock.instant().plus(MIN_CALL).isBefore(deadline);
    }

    /** Calls in flight at most. */
    public int concurrency() {
        return cfg.concurrency();
    }

    /** False when neither GROQ_API_KEY nor GROQ_API_KEY_SECRET_ARN is set: then no call is ever made. */
    public boolean enabled() {
        return api != null;
    }

    public String model() {
        return cfg.model();
    }

    /** Asks about one group; never throws for a model failure, never waits past {@code deadline}. */
    public ModelCall judge(EventGroup group, Instant deadline) {
        return judge(group, deadline, List.of());
    }

    /**
     * Asks about one group, telling the model which detection rules its lines matched ({@code rules}:
     * "title (level)" each, from the rule packs, never log text).
     */
    public ModelCall judge(EventGroup group, Instant deadline, List<String> rules) {
        if (!enabled()) {
            return new ModelCall(Optional.empty(), 0, "no api key");
        }
        Prompt prompt = prompts.build(group, rules);
        ChatRequest request = new ChatRequest(cfg.model(), prompt.messages(), 0.0, cfg.maxCompletionTokens(),
                VerdictSchema.responseFormat(cfg.responseFormat()), cfg.reasoningEffort().orElse(null));
        int calls = 0;
        String failure = null;
        while (calls < cfg.maxAttempts()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(MIN_CALL) < 0) {
                failure = calls == 0 ? "deadline reached before the first call" : failure + "; deadline reached";
                break;
            }
            Instant now = clock.instant();
            Instant start = limits.reserve(now, prompt.estimatedTokens());
            if (start.isAfter(now)) {
                // the server's limits say wait: wait when that ends in time, else leave it to the rules
                if (!sleepWithin(Duration.between(now, start), deadline)) {
                    failure = (failure == null ? "" : failure + "; ") + "rate limited until " + start;
                    break;
                }
                continue;
            }
            calls++;
            try {
                Duration timeout = min(cfg.timeout(), left);
                return new ModelCall(Optional.of(guard.get(() -> callOnce(request, timeout), ModelVerdict.class)),
                        calls, null);
            } catch (CircuitBreakerOpenException e) {
                // not a call: the model failed repeatedly, the rest goes straight to the rules
                calls--;
                failure = (failure == null ? "" : failure + "; ") + "circuit breaker open";
                break;
            } catch (ModelRateLimitedException e) {
                failure = e.getMessage();
                Duration wait = e.retryAfter().orElse(cfg.backoff().multipliedBy(calls));
                // every concurrent call waits too: one 429 must not become many
                limits.pause(clock.instant(), wait);
                if (calls >= cfg.maxAttempts() || !sleepWithin(wait, deadline)) {
                    break;
                }
            } catch (ModelServerException | ModelTimeoutException | ModelUnreachableException e) {
                failure = e.getMessage();
                if (calls >= cfg.maxAttempts() || !sleepWithin(cfg.backoff().multipliedBy(calls), deadline)) {
                    break;
                }
            } catch (ModelRequestRejectedException | ModelAnswerInvalidException e) {
                failure = e.getMessage();
                break;
            }
        }
        return new ModelCall(Optional.empty(), calls, failure);
    }

    private ModelVerdict callOnce(ChatRequest request, Duration timeout) {
        Response response;
        try {
            response = api.complete("Bearer " + apiKey.value(), request).await().atMost(timeout);
        } catch (SecretUnavailableException e) {
            throw new ModelUnreachableException("API key unavailable: " + e.getMessage());
        } catch (TimeoutException e) {
            throw new ModelTimeoutException("no answer within " + timeout.toMillis() + " ms");
        } catch (ProcessingException | java.util.concurrent.CompletionException e) {
            // Vert.x reports its read timeout and connection failures wrapped in either
            if (causedByTimeout(e)) {
                throw new ModelTimeoutException("no answer within " + timeout.toMillis() + " ms");
            }
            throw new ModelUnreachableException("connection failed: " + e.getClass().getSimpleName());
        }
        try (response) {
            int status = response.getStatus();
            limits.observe(clock.instant(), response.getHeaderString("x-ratelimit-remaining-requests"),
                    response.getHeaderString("x-ratelimit-reset-requests"),
                    response.getHeaderString("x-ratelimit-remaining-tokens"),
                    response.getHeaderString("x-ratelimit-reset-tokens"));
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status == 200) {
                return parseAnswer(body);
            }
            if (status == 429) {
                Duration wait = retryAfter(response.getHeaderString("retry-after"));
                if (wait == null) {
                    // no retry-after: the reset of whichever window ran out
                    wait = RateLimits.duration(response.getHeaderString("x-ratelimit-reset-requests"));
                    Duration tokens = RateLimits.duration(response.getHeaderString("x-ratelimit-reset-tokens"));
                    wait = wait == null || (tokens != null && tokens.compareTo(wait) > 0) ? tokens : wait;
                }
                throw new ModelRateLimitedException(wait);
            }
            if (status >= 500) {
                throw new ModelServerException("server error " + status);
            }
            if (status == 401) {
                apiKey.refused();
            }
            throw new ModelRequestRejectedException("rejected " + status + errorCode(body));
        }
    }

    ModelVerdict parseAnswer(String body) {
        ChatResponse envelope;
        try {
            envelope = envelopeReader.readValue(body);
        } catch (JsonProcessingException e) {
            throw new ModelAnswerInvalidException("answer envelope is not JSON");
        }
        if (envelope.choices() == null || envelope.choices().isEmpty() || envelope.choices().get(0).message() == null
                || envelope.choices().get(0).message().content() == null) {
            throw new ModelAnswerInvalidException("answer has no choices[0].message.content");
        }
        ModelVerdict v;
        try {
            v = answerReader.readValue(envelope.choices().get(0).message().content().strip());
        } catch (JsonProcessingException e) {
            throw new ModelAnswerInvalidException("content is not a JSON verdict (" + e.getClass().getSimpleName() + ")");
        }
        if (v == null) {
            throw new ModelAnswerInvalidException("content is null");
        }
        Set<ConstraintViolation<ModelVerdict>> violations = validator.validate(v);
        if (!violations.isEmpty()) {
            // property paths only: the invalid values are model output and may echo log text
            String paths = violations.stream().map(c -> c.getPropertyPath().toString()).sorted().distinct()
                    .reduce((a, b) -> a + "," + b).orElse("");
            throw new ModelAnswerInvalidException("content breaks the schema at " + paths);
        }
        if (envelope.usage() != null) {
            LOG.debugf("model answer %s: %d prompt tokens, %d completion tokens", envelope.id(),
                    envelope.usage().promptTokens(), envelope.usage().completionTokens());
        }
        return v;
    }

    private String errorCode(String body) {
        try {
            ApiError err = errorReader.readValue(body);
            if (err != null && err.error() != null) {
                String code = err.error().code() != null ? err.error().code() : err.error().type();
                return code == null ? "" : " " + code.replaceAll("[^A-Za-z0-9_.-]", "");
            }
        } catch (JsonProcessingException e) {
            return " (error body not JSON)";
        }
        return "";
    }

    /** Seconds ("7", "2.5"); an HTTP date or garbage gives empty (the backoff applies). */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            double s = Double.parseDouble(header.strip());
            return s < 0 ? null : Duration.ofMillis((long) Math.ceil(s * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Sleeps when the wait plus a minimal call still ends before the deadline; false otherwise. */
    private boolean sleepWithin(Duration wait, Instant deadline) {
        if (clock.instant().plus(wait).plus(MIN_CALL).isAfter(deadline)) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
