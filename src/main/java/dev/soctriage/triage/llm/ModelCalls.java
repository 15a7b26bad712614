package dev.soctriage.triage.llm;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import dev.soctriage.secrets.SecretUnavailableException;
import dev.soctriage.group.EventGroup;

/**
 * Asks an OpenAI-compatible chat-completions server (Groq) for one group's verdict: one call per
 * group, temperature 0, strict JSON schema (or JSON mode), the answer read by {@link ModelAnswers}. 429
 * waits its {@code retry-after}, 5xx and timeouts are retried with backoff, all bounded by
 * {@link LlmConfig#maxAttempts()} and by the deadline: no call or wait runs past it. Safe to call from
 * several threads: the server's rate-limit headers are shared ({@link RateLimits}), calls in flight are
 * bounded and a circuit breaker stops calling a failing server (SmallRye Fault Tolerance, see
 * {@link #guard}).
 */
@ApplicationScoped
public class ModelCalls {
    private static final Logger LOG = Logger.getLogger(ModelCalls.class);
    /** Not worth starting a call with less time than this left. */
    static final Duration MIN_CALL = Duration.ofMillis(250);

    private final LlmConfig cfg;
    private final Clock clock;
    private final ModelKey key;
    private final ModelAnswers answers;
    private final PromptBuilder prompts;
    /** The server's rate-limit answers, shared by the container's concurrent calls. */
    private final RateLimits limits = new RateLimits();
    /** Null exactly when {@link #guard} is: without a key from either source. */
    private final ChatApi api;
    /**
     * SmallRye Fault Tolerance around each single HTTP call: a circuit breaker that opens after
     * {@link LlmConfig#breakerFailures()} consecutive failures and stays open for
     * {@link LlmConfig#breakerCooldown()} (this bean lives as long as the container), and a bulkhead
     * of {@link LlmConfig#concurrency()} calls in flight.
     */
    private final Guard guard;

    public ModelCalls(LlmConfig cfg, Clock clock, ModelKey key, ModelAnswers answers) {
        this.cfg = cfg;
        this.clock = clock;
        this.key = key;
        this.answers = answers;
        this.prompts = new PromptBuilder(cfg.promptTokenBudget(), cfg.maxLineChars());
        // the client and its guard exist together or not at all
        this.api = key.present() ? QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(cfg.baseUrl().replaceAll("/+$", "")))
                .connectTimeout(cfg.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(cfg.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .register(new ModelStatusMapper(answers, key, r -> ModelAnswers.observeLimits(limits, clock.instant(), r)))
                .build(ChatApi.class) : null;
        this.guard = key.present() ? guard(cfg) : null;
    }

    /** The breaker and bulkhead of {@link #guard}, named {@link LlmConfig#breakerName()}. */
    private static Guard guard(LlmConfig cfg) {
        return Guard.create().withDescription("model calls")
                .withCircuitBreaker().name(cfg.breakerName()).requestVolumeThreshold(cfg.breakerFailures()).failureRatio(1.0)
                .delay(cfg.breakerCooldown().toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                .failOn(List.of(ModelServerException.class, ModelTimeoutException.class, ModelUnreachableException.class))
                .onStateChange(state -> LOG.infof("model circuit breaker %s", state)).done()
                .withBulkhead().limit(cfg.concurrency()).queueSize(10_000).enableSynchronousQueueing().done()
                .build();
    }

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

    /** One HTTP call; a status other than 200 comes as the {@link ModelStatusMapper}'s exception. */
    private ModelVerdict callOnce(ChatRequest request, Duration timeout) {
        Response response;
        try {
            response = api.complete("Bearer " + key.value(), request).await().atMost(timeout);
        } catch (SecretUnavailableException e) {
            throw new ModelUnreachableException("API key unavailable: " + e.getMessage());
        } catch (ModelCallException e) {
            throw e;
        } catch (TimeoutException | ProcessingException | CompletionException e) {
            // Vert.x reports its read timeout and connection failures wrapped in either
            throw failure(e, timeout);
        }
        try (response) {
            ModelAnswers.observeLimits(limits, clock.instant(), response);
            return answers.verdict(response.hasEntity() ? response.readEntity(String.class) : "");
        }
    }

    /**
     * A call without a 200: the mapper's status exception wherever the client wrapped it; a timeout
     * (Mutiny's, the JDK's, Netty's or Vert.x's, told by type along the cause chain); else unreachable.
     */
    static ModelCallException failure(Throwable e, Duration timeout) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ModelCallException m) {
                return m;
            }
        }
        if (timedOut(e)) {
            return new ModelTimeoutException("no answer within " + timeout.toMillis() + " ms");
        }
        return new ModelUnreachableException("connection failed: " + e.getClass().getSimpleName());
    }

    /**
     * Whether a timeout is on the cause chain: Mutiny's {@code await().atMost}, the JDK's (socket,
     * {@code java.net.http}, and {@code java.util.concurrent}'s, which Vert.x's idle and request timeouts
     * extend), Netty's connect timeout.
     */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.SocketTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
